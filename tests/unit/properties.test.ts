// Property-based tests (fast-check) of what must hold for any input (issue 10):
//  - the summariser (Fader, Hardie & Lee 2005 conventions, src/lib/data/summarize.ts):
//    0 <= t_x <= T, x a count bounded by the distinct purchase days, invariance to row
//    order, same-day purchases merged (duplicating every row changes no count);
//  - the BG/NBD core (FHL 2005 eqs. 6, 10, 13; DERT of Fader, Hardie & Lee 2005b):
//    finite log-likelihood, P(alive) a probability, E[X(t)] non-decreasing in t,
//    conditional expectation and DERT finite and >= 0;
//  - the scenario parser: never throws, never passes an unknown or prototype key, leaves
//    Object.prototype alone; the notebook importer and the URL decoder never throw;
//  - the engine on degenerate data (one customer, no repeat purchase, everything on one
//    day): a finite outcome or an Error that says what is wrong.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summarize } from '$lib/data/summarize';
import { tableFromRows } from '$lib/data/import/table-builder';
import type { DatasetMeta, TransactionTable } from '$lib/data/types';
import {
  bgnbdLogLikIndividual,
  bgnbdPAlive,
  bgnbdExpectedTransactions,
  bgnbdConditionalExpected,
  bgnbdDert
} from '$lib/model/core/btyd/bgnbd';
import { parseScenario, parseScenarioJson, decodeScenarioParam, neutralScenario } from '$lib/model/scenario/scenario';
import { validateImport } from '$lib/notebooks/library';
import { fitBaseline } from '$lib/pipeline/fit-step';
import { prepareBaseline } from '$lib/model/scenario/engine/baseline';
import { evaluateScenario } from '$lib/model/scenario/engine/evaluate';

/**
 * Property runs evaluate the model hundreds of times; on a loaded 2-core machine that can
 * pass vitest's 5 s default. This bound only catches a hang: speed is measured in `npm run bench`.
 */
const PROPERTY_TIMEOUT_MS = 60_000;

const SEED = 20261123;

/** Rows of a transaction table: few customers, days within a year, positive amounts. */
const rowsArb = fc.array(
  fc.record({
    customerId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    day: fc.integer({ min: 10_000, max: 10_365 }),
    amount: fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100)
  }),
  { minLength: 1, maxLength: 60 }
);

const byId = (table: TransactionTable, unit: 'day' | 'week' = 'day') =>
  new Map(summarize(table, { unit }).customers.map((c) => [c.id, c]));

describe('summariser invariants (any table of purchases)', () => {
  it('gives 0 <= t_x <= T, x an integer >= 0, and x + 1 = distinct purchase days of the customer', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const customers = byId(tableFromRows(rows));
        for (const [id, c] of customers) {
          const days = new Set(rows.filter((r) => r.customerId === id).map((r) => r.day));
          expect(Number.isInteger(c.x) && c.x >= 0).toBe(true);
          expect(c.tx).toBeGreaterThanOrEqual(0);
          expect(c.tx).toBeLessThanOrEqual(c.T);
          // unit = day and the calibration runs to the last date: every purchase day is in calibration
          expect(c.x + 1).toBe(days.size);
          expect(c.tx).toBe(Math.max(...days) - Math.min(...days));
        }
        expect(customers.size).toBe(new Set(rows.map((r) => r.customerId)).size);
      }),
      { numRuns: 200, seed: SEED }
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(
        rowsArb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))),
        ([rows, shuffled]) => {
          const a = byId(tableFromRows(rows), 'week');
          const b = byId(tableFromRows(shuffled), 'week');
          expect(b.size).toBe(a.size);
          for (const [id, c] of a) {
            const d = b.get(id)!;
            expect([d.x, d.tx, d.T]).toEqual([c.x, c.tx, c.T]);
            expect(d.m).toBeCloseTo(c.m, 9);
            expect(d.firstSpend).toBeCloseTo(c.firstSpend, 9);
          }
        }
      ),
      { numRuns: 200, seed: SEED }
    );
  });

  it('merges same-day purchases: every row twice leaves x, t_x and T unchanged and doubles the spend per day', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const once = byId(tableFromRows(rows));
        const twice = byId(tableFromRows([...rows, ...rows]));
        for (const [id, c] of once) {
          const d = twice.get(id)!;
          expect([d.x, d.tx, d.T]).toEqual([c.x, c.tx, c.T]);
          expect(d.m).toBeCloseTo(2 * c.m, 9);
          expect(d.firstSpend).toBeCloseTo(2 * c.firstSpend, 9);
        }
      }),
      { numRuns: 200, seed: SEED }
    );
  });
});

/** BG/NBD parameters over four orders of magnitude (CDNOW: r 0.243, α 4.414, a 0.793, b 2.426). */
const paramsArb = fc.record({
  r: fc.double({ min: 0.01, max: 100, noNaN: true }),
  alpha: fc.double({ min: 0.01, max: 1000, noNaN: true }),
  a: fc.double({ min: 0.01, max: 100, noNaN: true }),
  b: fc.double({ min: 0.01, max: 100, noNaN: true })
});

/** A valid (x, t_x, T): t_x = 0 when x = 0, else 0 < t_x <= T. */
const historyArb = fc
  .record({
    x: fc.integer({ min: 0, max: 300 }),
    T: fc.double({ min: 0.5, max: 500, noNaN: true }),
    share: fc.double({ min: 0.001, max: 1, noNaN: true })
  })
  .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : share * T }));

describe('BG/NBD core (any positive parameters, any valid history)', () => {
  it('has a finite log-likelihood <= 0 for every customer (FHL 2005 eq. 6)', () => {
    fc.assert(
      fc.property(paramsArb, historyArb, (p, h) => {
        const ll = bgnbdLogLikIndividual(p, h.x, h.tx, h.T);
        expect(Number.isFinite(ll)).toBe(true);
        // a likelihood of a discrete count times densities of times: <= 0 only for x = 0 (a probability)
        if (h.x === 0) expect(ll).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 300, seed: SEED }
    );
  });

  it('gives P(alive) in [0, 1] (FHL 2005 eq. 13)', () => {
    fc.assert(
      fc.property(paramsArb, historyArb, (p, h) => {
        const pa = bgnbdPAlive(p, h.x, h.tx, h.T);
        expect(pa).toBeGreaterThanOrEqual(0);
        expect(pa).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300, seed: SEED }
    );
  });

  it('gives E[X(t)] finite, >= 0 and non-decreasing in t (FHL 2005 eq. 7)', () => {
    fc.assert(
      fc.property(
        paramsArb,
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (p, t1, t2) => {
          const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
          const e1 = bgnbdExpectedTransactions(p, lo);
          const e2 = bgnbdExpectedTransactions(p, hi);
          expect(Number.isFinite(e1) && Number.isFinite(e2)).toBe(true);
          expect(e1).toBeGreaterThanOrEqual(0);
          expect(e2).toBeGreaterThanOrEqual(e1 - 1e-9 * Math.max(1, e1));
        }
      ),
      { numRuns: 300, seed: SEED }
    );
  });

  it(
    'gives a finite, non-negative conditional expectation (FHL 2005 eq. 10) and DERT',
    () => {
      // DERT is one bounded integral over the dropout (aliveDert.ts): the corner that took ~30 s by
      // quadrature of E[Y(t)] (a = 0.01, b = 100, r = 0.01, alpha = 0.04, x = 292, T = 0.5) is inside
      const moderate = fc.record({
        r: fc.double({ min: 0.01, max: 20, noNaN: true }),
        alpha: fc.double({ min: 0.04, max: 200, noNaN: true }),
        a: fc.double({ min: 0.01, max: 10, noNaN: true }),
        b: fc.double({ min: 0.1, max: 100, noNaN: true })
      });
      fc.assert(
        fc.property(
          moderate,
          historyArb,
          fc.double({ min: 0, max: 260, noNaN: true }),
          fc.double({ min: 0.0005, max: 0.5, noNaN: true }),
          (p, h, t, discount) => {
            const e = bgnbdConditionalExpected(p, h.x, h.tx, h.T, t);
            expect(Number.isFinite(e)).toBe(true);
            expect(e).toBeGreaterThanOrEqual(0);
            const dert = bgnbdDert(p, h.x, h.tx, h.T, discount);
            expect(Number.isFinite(dert)).toBe(true);
            expect(dert).toBeGreaterThanOrEqual(0);
          }
        ),
        { numRuns: 150, seed: SEED }
      );
    },
    PROPERTY_TIMEOUT_MS
  );
});

/** JSON values with hostile keys mixed in, at any depth. */
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');
const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    tie('object'),
    fc.array(tie('value'), { maxLength: 3 })
  ),
  object: fc
    .array(
      fc.tuple(
        fc.oneof(
          hostileKey,
          fc.constantFrom('version', 'name', 'levers', 'economics', 'assumptions', 'pricing', 'seed'),
          fc.string()
        ),
        tie('value')
      ),
      {
        maxLength: 5
      }
    )
    .map((entries) => {
      // built as JSON text and parsed, as a file or a URL would be: '__proto__' becomes an own key
      const text = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
      return JSON.parse(text) as unknown;
    })
})).value;

const TOP_LEVEL = new Set(['version', 'name', 'seed', 'economics', 'levers', 'assumptions', 'evidence']);

describe('scenario parser (any JSON, hostile keys included)', () => {
  it('never throws, never accepts an unknown or prototype key, and leaves Object.prototype untouched', () => {
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    fc.assert(
      fc.property(hostileJson, fc.boolean(), (value, wrap) => {
        // half of the inputs get a valid version, so they reach the deeper checks
        const input =
          wrap && value !== null && typeof value === 'object' && !Array.isArray(value)
            ? { ...(value as object), version: 1 }
            : value;
        const result = parseScenario(input);
        if (result.ok) {
          for (const k of Object.keys(input as object)) expect(TOP_LEVEL.has(k)).toBe(true);
          expect(JSON.stringify(result.scenario)).not.toMatch(/"(__proto__|constructor|prototype)"/);
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
          // each error names the field (its path, possibly empty for a '' key) before ': '
          for (const e of result.errors) expect(e).toMatch(/: /);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
      }),
      { numRuns: 400, seed: SEED }
    );
  });

  it('rejects __proto__ at the top level and inside levers, naming the key', () => {
    const r = parseScenarioJson('{"version":1,"__proto__":{"polluted":1},"levers":{"__proto__":{"polluted":1}}}');
    expect(r).toEqual({ ok: false, errors: ['__proto__: forbidden key', 'levers.__proto__: forbidden key'] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts what it writes: a neutral scenario round-trips', () => {
    const s = neutralScenario('Round trip');
    expect(parseScenario(JSON.parse(JSON.stringify(s)))).toEqual({ ok: true, scenario: s });
  });

  it('decodes any URL parameter and any notebook file without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 400 }), (param, text) => {
        const decoded = decodeScenarioParam(param);
        expect(typeof decoded.ok).toBe('boolean');
        const imported = validateImport('x.md', text);
        if (!imported.ok) for (const e of imported.errors) expect(e.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 200, seed: SEED }
    );
  });
});

const META: DatasetMeta = {
  id: 'degenerate',
  name: 'Degenerate',
  kind: 'transactions',
  source: 'import',
  createdAt: '2026-11-23T00:00:00.000Z',
  customers: 0,
  transactions: 0,
  firstDate: '',
  lastDate: '',
  calibrationEnd: '',
  unit: 'week'
};

function allFinite(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (x === null || typeof x !== 'object') return true;
  if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>).every(Number.isFinite);
  return Object.values(x).every(allFinite);
}

/** Imported table -> summaries -> BG/NBD + Gamma-Gamma fit -> engine baseline -> a scenario with price and retention levers. */
function throughTheEngine(rows: { customerId: string; day: number; amount: number }[]) {
  const summary = summarize(tableFromRows(rows), { unit: 'week' });
  const meta = {
    ...META,
    firstDate: summary.firstDate,
    lastDate: summary.lastDate,
    calibrationEnd: summary.calibrationEnd
  };
  const { spec } = fitBaseline(meta, summary.customers);
  const base = prepareBaseline(spec);
  const s = neutralScenario();
  s.levers.pricing.priceChange = 0.1;
  return evaluateScenario(base, s);
}

describe('the engine on degenerate data', () => {
  const cases: [string, { customerId: string; day: number; amount: number }[]][] = [
    [
      'one customer',
      [
        { customerId: 'a', day: 10_000, amount: 10 },
        { customerId: 'a', day: 10_030, amount: 12 },
        { customerId: 'a', day: 10_090, amount: 9 }
      ]
    ],
    [
      'no repeat purchases',
      Array.from({ length: 50 }, (_, i) => ({ customerId: `c${i}`, day: 10_000 + i, amount: 5 + i }))
    ],
    [
      'every purchase on the same day',
      Array.from({ length: 50 }, (_, i) => ({ customerId: `c${i % 20}`, day: 10_000, amount: 5 + i }))
    ]
  ];
  for (const [what, rows] of cases) {
    it(
      `gives a finite outcome or a clear error (${what})`,
      () => {
        let outcome: ReturnType<typeof evaluateScenario> | null = null;
        try {
          outcome = throughTheEngine(rows);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          // a clear error names what is wrong with the data, not an internal failure
          expect((error as Error).message).toMatch(/repeat|customer|purchase|calibration|history|data/i);
          expect((error as Error).message).not.toMatch(/undefined|NaN|Cannot read/);
          return;
        }
        expect(allFinite(outcome!.series)).toBe(true);
        expect(allFinite(outcome!.kpis)).toBe(true);
      },
      PROPERTY_TIMEOUT_MS
    );
  }
});
