import { describe, expect, it } from 'vitest';
import {
  decodeFingerprint,
  encodeFingerprint,
  fitHash,
  fnv1a,
  isOtherData,
  makeFingerprint
} from '$lib/ui/share/fingerprint';
import { decodeCompareLink, encodeCompareLink } from '$lib/ui/share/compare-link';
import { shareUrl } from '$lib/ui/share/link';
import { decodeScenarioParam, defaultScenario, neutralScenario } from '$lib/model/scenario/scenario';

const report = (a: number) =>
  ({ purchase: { inUse: 'mle', mle: { params: { r: 0.2426, alpha: 4.4136, a, b: 2.4259 } }, map: null } }) as never;
const outcome = {
  kpis: { clvPerNewCustomer: 61.2, customerEquity: 193_000, retention1y: 0.76, newCustomers: NaN }
} as never;

describe('the data fingerprint of a share link', () => {
  it('FNV-1a matches the published test vectors', () => {
    // FNV-1a 32-bit: "" -> 811c9dc5, "a" -> e40c292c, "foobar" -> bf9cf968 (Fowler/Noll/Vo test suite)
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
    expect(fnv1a('foobar')).toBe('bf9cf968');
  });

  it('hashes the fitted parameters: the same fit gives the same hash, another fit another', () => {
    expect(fitHash(report(0.7929), 'x')).toBe(fitHash(report(0.79290000001), 'y'));
    expect(fitHash(report(0.7929), 'x')).not.toBe(fitHash(report(0.8), 'x'));
    expect(fitHash({ purchase: null, source: '' } as never, 'sBG fitted to “A”')).toBe(fnv1a('sBG fitted to “A”'));
  });

  it('round-trips through the link and keeps only finite KPIs', () => {
    const f = makeFingerprint({ name: 'Apparel shop', customers: 600 }, report(0.79), '', outcome);
    expect(f.kpis).toEqual({ clvPerNewCustomer: 61.2, customerEquity: 193_000, retention1y: 0.76 });
    const back = decodeFingerprint(encodeFingerprint(f));
    expect(back).toEqual({ ok: true, fingerprint: f });
    expect(isOtherData(f, { ...f })).toBe(false);
    expect(isOtherData(f, { ...f, customers: 10_000 })).toBe(true);
    expect(isOtherData(f, { ...f, fit: '00000000' })).toBe(true);
  });

  it('refuses a bad fingerprint with the field named', () => {
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(decodeFingerprint('%%%')).toEqual({ ok: false, errors: ['data fingerprint: not base64url text'] });
    const bad = decodeFingerprint(
      enc({ v: 1, dataset: 'x', customers: -1, fit: 'zz', kpis: { clvPerNewCustomer: 'a', __proto__x: 1 }, extra: 1 })
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors).toEqual([
        'data fingerprint.extra: unknown field',
        'data fingerprint.customers: -1 (must be a whole number >= 0)',
        'data fingerprint.fit: must be 8 hex digits',
        'data fingerprint.kpis.clvPerNewCustomer: must be a finite number',
        'data fingerprint.kpis.__proto__x: unknown KPI'
      ]);
  });

  it('the share URL carries the scenario and, once computed, the fingerprint', () => {
    const s = defaultScenario('Plan');
    const bare = shareUrl('http://x', { scenario: s, dataset: null, report: null, source: '', outcome: null });
    expect(bare).toMatch(/^http:\/\/x\/#s=[\w-]+$/);
    const full = shareUrl('http://x', {
      scenario: s,
      dataset: { name: 'A', customers: 5 },
      report: report(0.79),
      source: '',
      outcome
    });
    const params = new URLSearchParams(new URL(full).hash.slice(1));
    expect(decodeScenarioParam(params.get('s')!)).toEqual({ ok: true, scenario: s });
    const d = decodeFingerprint(params.get('d')!);
    expect(d.ok && d.fingerprint.customers).toBe(5);
  });
});

describe('a Compare link carries its scenarios', () => {
  it('round-trips the scenarios in order, the reference first', () => {
    const a = { ...neutralScenario('Baseline (no levers)') };
    const b = defaultScenario('Plan B');
    const back = decodeCompareLink(encodeCompareLink([b, a]));
    expect(back).toEqual({
      ok: true,
      scenarios: [
        { id: 'link-1', name: 'Plan B', scenario: b },
        { id: 'link-2', name: 'Baseline (no levers)', scenario: a }
      ]
    });
  });

  it('validates every scenario like a share link, naming which one failed', () => {
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const s = defaultScenario('ok');
    const bad = decodeCompareLink(
      enc([
        JSON.parse(JSON.stringify(s)),
        { version: s.version, levers: { channels: { budgetPerWeek: { search: -5 } } } }
      ])
    );
    expect(bad).toEqual({
      ok: false,
      errors: ['scenario 2: levers.channels.budgetPerWeek.search: -5 (must be >= 0)']
    });
    expect(decodeCompareLink(enc([])).ok).toBe(false);
    expect(decodeCompareLink('not base64!').ok).toBe(false);
  });
});
