/**
 * What a cell needs of a bound dataset: the `needs=` attribute (parsed on any cell kind, errors
 * on the fence line), what a dataset provides, and what is missing in words.
 */
import { describe, expect, it } from 'vitest';
import { parseNotebook, allErrors } from '$lib/notebooks/parse';
import { hasNeed, missingMessage, missingNeeds, takeNeeds, type DatasetCapabilities } from '$lib/notebooks/needs';

const caps = (over: Partial<DatasetCapabilities> = {}): DatasetCapabilities => ({
  name: 'shop',
  kind: 'transactions',
  customers: 500,
  channels: [],
  spendHistory: false,
  currency: null,
  ...over
});

describe('takeNeeds', () => {
  it('takes needs= out of the info string and leaves the rest for the cell', () => {
    const r = takeNeeds(' scenario=a,b needs=channels,spend kpis=cac', 7);
    expect(r.needs).toEqual(['channels', 'spend']);
    expect(r.info.trim().split(/\s+/)).toEqual(['scenario=a,b', 'kpis=cac']);
    expect(r.errors).toEqual([]);
  });

  it('names an unknown need on the fence line', () => {
    const r = takeNeeds(' needs=channels,budget', 12);
    expect(r.needs).toEqual(['channels']);
    expect(r.errors).toEqual([{ line: 12, message: 'needs=budget (one of purchases, contracts, channels, spend)' }]);
  });
});

describe('needs= in a notebook', () => {
  const source = [
    '---', // 1
    'title: Needs', // 2
    '---', // 3
    '```scenario id=a needs=channels', // 4
    'levers.pricing.priceChange = -5%', // 5
    '```', // 6
    '```kpis scenario=a kpis=cac needs=spend```', // 7
    '', // 8
    '```kpis scenario=a kpis=cac needs=weather```' // 9
  ].join('\n');
  const nb = parseNotebook(source);

  it('is open to every cell kind and kept on the cell', () => {
    const [scenario, kpis] = nb.blocks.filter((b) => b.kind !== 'prose');
    expect(scenario.needs).toEqual(['channels']);
    expect(scenario.errors).toEqual([]);
    expect(kpis.needs).toEqual(['spend']);
    expect(kpis.errors).toEqual([]);
  });

  it('gives an unknown need an error with its line', () => {
    expect(allErrors(nb)).toEqual([{ line: 9, message: 'needs=weather (one of purchases, contracts, channels, spend)' }]);
  });
});

describe('what a dataset has', () => {
  it('has channels only with two or more labelled channels', () => {
    expect(hasNeed(caps(), 'channels')).toBe(false);
    expect(hasNeed(caps({ channels: [{ channel: 'search', customers: 500 }] }), 'channels')).toBe(false);
    expect(hasNeed(caps({ channels: [{ channel: 'search', customers: 300 }, { channel: 'email', customers: 200 }] }), 'channels')).toBe(true);
  });

  it('has purchases or contracts by its kind, and spend only with a spend history', () => {
    expect(hasNeed(caps({ kind: 'summary' }), 'purchases')).toBe(true);
    expect(hasNeed(caps({ kind: 'summary' }), 'contracts')).toBe(false);
    expect(hasNeed(caps({ kind: 'subscription' }), 'contracts')).toBe(true);
    expect(hasNeed(caps({ kind: 'subscription' }), 'purchases')).toBe(false);
    expect(hasNeed(caps(), 'spend')).toBe(false);
    expect(hasNeed(caps({ spendHistory: true }), 'spend')).toBe(true);
  });

  it('says what is missing and how to add it, each need once', () => {
    const missing = missingNeeds(['spend', 'purchases', 'spend', 'channels'], caps());
    expect(missing.map((m) => m.need)).toEqual(['spend', 'channels']);
    const text = missingMessage(missing);
    expect(text).toContain('needs spend: "shop" has no marketing spend history');
    expect(text).toContain('weekly spend file per channel on the Data page');
    expect(text).toContain('needs channels: "shop" has no acquisition channel per customer');
    expect(missingNeeds(['channels'], caps({ channels: [{ channel: 'search', customers: 9 }] }))[0].lacks).toBe(
      'every customer of "shop" came through one channel (search)'
    );
  });
});

describe('the quality expression', () => {
  it('parses a measure and a channel, and names what is wrong', async () => {
    const { parseInlineExpr } = await import('$lib/notebooks/inline');
    expect(parseInlineExpr('quality spend channel=email')).toEqual({ op: 'quality', measure: 'spend', channel: 'email' });
    expect(() => parseInlineExpr('quality loyalty channel=email')).toThrow('quality: unknown measure "loyalty" (one of dropout, rate, spend)');
    expect(() => parseInlineExpr('quality dropout')).toThrow('quality: missing channel=<channel id>');
  });
});
