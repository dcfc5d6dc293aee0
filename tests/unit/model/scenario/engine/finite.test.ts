import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { prepareBaseline, cdnowDefaultBaseline, sbgDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';
import { evaluateScenario } from '$lib/model/scenario/engine/evaluate.ts';
import { LEVERS } from '$lib/model/scenario/levers/catalogue.ts';
import { neutralScenario } from '$lib/model/scenario/scenario.ts';
import type { Scenario } from '$lib/model/scenario/scenario-types.ts';

function setLever(s: Scenario, id: string, v: unknown) {
  const parts = id.split('.');
  let o = s.levers as unknown as Record<string, unknown>;
  for (let i = 0; i < parts.length - 1; i++) o = o[parts[i]] as Record<string, unknown>;
  o[parts[parts.length - 1]] = v;
}

/** Each lever anywhere in (and, for numbers, 50% beyond) its range. */
const leverValues = fc.tuple(
  ...LEVERS.map((l) => {
    if (l.kind === 'boolean') return fc.boolean() as fc.Arbitrary<unknown>;
    if (l.kind === 'choice') return fc.constantFrom(...l.choices!) as fc.Arbitrary<unknown>;
    const span = Math.min(l.max!, 1e5) - l.min!;
    return fc.double({
      min: l.min! - 0.5 * span,
      max: Math.min(l.max!, 1e5) + 0.5 * span,
      noNaN: true
    }) as fc.Arbitrary<unknown>;
  })
);

function allFinite(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (x === null || typeof x !== 'object') return true;
  if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>).every(Number.isFinite);
  return Object.values(x).every(allFinite);
}

describe('the engine never returns NaN or Infinity', () => {
  for (const spec of [cdnowDefaultBaseline(20), sbgDefaultBaseline()]) {
    const base = prepareBaseline(spec);
    it(`for any lever values, even out of range, and says when it clamped (${spec.kind})`, () => {
      fc.assert(
        fc.property(leverValues, (vals) => {
          const s = neutralScenario();
          s.economics.horizonWeeks = 52;
          s.economics.clvWindowWeeks = 104;
          LEVERS.forEach((l, i) => setLever(s, l.id, vals[i]));
          const o = evaluateScenario(base, s);
          expect(allFinite(o.series)).toBe(true);
          expect(allFinite(o.kpis)).toBe(true);
          // levers of the always-active families are clamped with a warning (loyalty and retention only when enabled)
          const outOfRange = LEVERS.some(
            (l, i) =>
              ['pricing', 'channels', 'personalisation', 'service'].includes(l.family) &&
              typeof vals[i] === 'number' &&
              ((vals[i] as number) < l.min! || (vals[i] as number) > l.max!)
          );
          if (outOfRange) expect(o.warnings.some((w) => w.includes('clamped'))).toBe(true);
        }),
        { numRuns: 40, seed: 20261123 }
      );
    });
  }
});
