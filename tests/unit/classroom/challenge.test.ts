import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  decodeChallengeParam,
  encodeChallengeParam,
  makeSubmission,
  parseChallenge,
  reviewSubmissions,
  ruleBreaks,
  sha256Hex,
  submissionHash,
  withLevers,
  type Challenge
} from '$lib/classroom/challenge';
import { challengeEngine } from '$lib/classroom/engine';
import { defaultScenario } from '$lib/model/scenario/scenario';
import { evaluateScenario, prepareBaseline } from '$lib/model/scenario/engine/index';
import { baselineSpecFor } from '$lib/notebooks/runtime';
import type { Scenario } from '$lib/model/scenario/scenario-types';
import { inProcessEngine } from '../notebooks/in-process-engine';

function challenge(): Challenge {
  const start = { ...defaultScenario('Start'), seed: 4242 };
  const r = parseChallenge({
    kind: 'lever-lab-challenge',
    v: 1,
    id: 'ch-test0001',
    title: 'Grow customer equity',
    brief: 'Move price and search spend.',
    deadline: 'Friday noon',
    dataset: 'sample:music',
    seed: 4242,
    start,
    levers: [{ id: 'pricing.priceChange', min: -0.2, max: 0.2 }, { id: 'channels.budgetPerWeek.search' }],
    budgetPerWeek: 8000,
    goal: 'customerEquity'
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

/** A last-digit change of a double's shortest decimal text (12345.678 -> 12345.679). */
function lastDigitChanged(v: number): number {
  const t = String(v);
  const d = Number(t[t.length - 1]);
  return Number(t.slice(0, -1) + String((d + 1) % 10 || 1));
}

const files = (subs: unknown[]) => subs.map((s, i) => ({ name: `s${i + 1}.json`, text: JSON.stringify(s) }));

describe('canonical JSON and hash', () => {
  it('sorts keys at every depth and keeps doubles to the last digit', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 0.1 + 0.2 }], c: true } })).toBe(
      '{"a":{"c":true,"d":[1,{"y":0.30000000000000004,"z":0}]},"b":1}'
    );
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(() => canonicalJson({ a: NaN })).toThrow(/finite/);
  });

  it('SHA-256 matches the FIPS 180-2 test vector for "abc"', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('challenge', () => {
  it('travels in a link and comes back the same', () => {
    const c = challenge();
    const back = decodeChallengeParam(encodeChallengeParam(c));
    expect(back.ok).toBe(true);
    if (back.ok) expect(canonicalJson(back.value)).toBe(canonicalJson(c));
  });

  it('names every bad field and refuses a cut link', () => {
    const r = parseChallenge({ ...challenge(), levers: [{ id: 'pricing.nope' }], goal: 'profit', seed: -1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.join('\n')).toMatch(/levers\[0\]\.id: "pricing.nope"/);
      expect(r.errors.join('\n')).toMatch(/goal: "profit"/);
      expect(r.errors.join('\n')).toMatch(/seed/);
    }
    const cut = encodeChallengeParam(challenge()).slice(0, 40);
    expect(decodeChallengeParam(cut).ok).toBe(false);
  });

  it('locks the levers not listed, holds the limits and the budget', () => {
    const c = challenge();
    let s = withLevers(c, c.start, 'pricing.priceChange', -0.9);
    expect(s.levers.pricing.priceChange).toBe(-0.2); // clamped to the challenge's limit
    expect(ruleBreaks(c, s)).toEqual([]);
    s = withLevers(c, s, 'pricing.promoDepth', 0.3); // not unlocked: no effect
    expect(s.levers.pricing.promoDepth).toBe(c.start.levers.pricing.promoDepth);
    const locked: Scenario = structuredClone(s);
    locked.levers.pricing.promoDepth = 0.3;
    expect(ruleBreaks(c, locked).join()).toMatch(/Promotion depth is locked at 0 \(submitted 0.3\)/);
    const over = withLevers(c, s, 'channels.budgetPerWeek.search', 9000);
    expect(ruleBreaks(c, over).join()).toMatch(/media budget 12500 a week is above the cap of 8000/);
  });
});

describe('review of submissions', () => {
  it('recomputes the submitted KPI to the last digit and flags a changed KPI, a changed scenario and a broken rule', async () => {
    const c = challenge();
    const engine = challengeEngine(c.dataset, inProcessEngine());
    const a = withLevers(
      c,
      withLevers(c, c.start, 'pricing.priceChange', -0.05),
      'channels.budgetPerWeek.search',
      4000
    );
    const b = withLevers(c, c.start, 'pricing.priceChange', 0.1);
    const [ka, kb] = (await engine.kpis([a, b])).map((k) => k.customerEquity);
    // the same number from the engine on this thread, without the worker protocol in between
    const prepared = prepareBaseline(baselineSpecFor('sample:music'));
    expect(evaluateScenario(prepared, a).kpis.customerEquity).toBe(ka);
    expect(ka).not.toBe(kb);

    const honestA = await makeSubmission(c, 'Ada', a, ka, '2026-12-03T10:00:00Z');
    const honestB = await makeSubmission(c, 'Ben', b, kb, '2026-12-03T10:01:00Z');
    // KPI edited in the file, hash left: the hash gives it away
    const kpiEdited = { ...honestA, student: 'Cy', kpi: { ...honestA.kpi, value: lastDigitChanged(ka!) } };
    // KPI edited and the hash recomputed (anyone can): the re-evaluation gives it away
    const kpiRehashedFields = { ...kpiEdited, student: 'Cyd' };
    const kpiRehashed = { ...kpiRehashedFields, hash: await submissionHash(kpiRehashedFields) };
    // scenario edited, KPI and hash left as exported
    const scenarioEdited = { ...honestB, student: 'Dee', scenario: withLevers(c, b, 'pricing.priceChange', 0.15) };
    // a locked lever moved, KPI recomputed and the file re-hashed: only the rules catch it
    const lockedScenario = structuredClone(a);
    lockedScenario.levers.service.aiShare = 0.9;
    const [kl] = (await engine.kpis([lockedScenario])).map((k) => k.customerEquity);
    const ruleBreaker = await makeSubmission(c, 'Eve', lockedScenario, kl);

    const review = await reviewSubmissions(
      c,
      files([honestB, kpiEdited, honestA, kpiRehashed, scenarioEdited, ruleBreaker]),
      engine.kpis
    );
    expect(review.unreadable).toEqual([]);
    const by = Object.fromEntries(review.rows.map((r) => [r.student, r]));

    expect(by.Ada.flags).toEqual([]);
    expect(Object.is(by.Ada.recomputedKpi, ka)).toBe(true);
    expect(by.Ada.hashOk).toBe(true);

    expect(by.Cy.hashOk).toBe(false);
    expect(by.Cy.flags.map((f) => f.code)).toEqual(['hash', 'kpi']);
    expect(by.Cyd.hashOk).toBe(true);
    expect(by.Cyd.flags.map((f) => f.code)).toEqual(['kpi']);
    expect(by.Cyd.flags[0].message).toBe(`submitted ${lastDigitChanged(ka!)}, recomputed ${ka}`);
    expect(by.Dee.flags.map((f) => f.code)).toContain('hash');
    expect(by.Dee.flags.map((f) => f.code)).toContain('kpi');
    expect(by.Eve.flags.map((f) => f.code)).toEqual(['rules']);
    expect(by.Eve.flags[0].message).toMatch(/AI/);

    // ranked: only the two honest ones, by customer equity (higher is better)
    const ranked = review.rows.filter((r) => r.rank !== null);
    expect(ranked.map((r) => r.student)).toEqual(ka! > kb! ? ['Ada', 'Ben'] : ['Ben', 'Ada']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2]);
    expect(review.rows.slice(2).every((r) => r.rank === null)).toBe(true);
    engine.dispose();
  });

  it('says why a file cannot be read', async () => {
    const c = challenge();
    const review = await reviewSubmissions(
      c,
      [
        { name: 'notes.txt', text: 'hello' },
        { name: 'challenge.json', text: JSON.stringify(c) },
        { name: 'half.json', text: JSON.stringify({ kind: 'lever-lab-submission', v: 1, student: '' }) }
      ],
      async () => {
        throw new Error('not called');
      }
    );
    expect(review.rows).toEqual([]);
    expect(review.unreadable.map((u) => u.file)).toEqual(['notes.txt', 'challenge.json', 'half.json']);
    expect(review.unreadable[0].errors[0]).toMatch(/not a JSON file/);
    expect(review.unreadable[1].errors[0]).toMatch(/the challenge itself/);
    expect(review.unreadable[2].errors.join()).toMatch(/student: must be a name/);
    expect(review.unreadable[2].errors.join()).toMatch(/hash: must be 64 hex digits/);
  });
});
