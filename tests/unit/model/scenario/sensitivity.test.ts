import { describe, expect, it } from 'vitest';
import { prepareBaseline, cdnowDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';
import { sensitivity } from '$lib/model/scenario/sensitivity.ts';
import { neutralScenario } from '$lib/model/scenario/scenario.ts';

const base = prepareBaseline(cdnowDefaultBaseline(50));

describe('one-at-a-time sensitivity', () => {
  const s = neutralScenario();
  s.economics.horizonWeeks = 52;
  s.economics.clvWindowWeeks = 104;
  s.levers.pricing.priceChange = -0.05;
  const r = sensitivity(base, s, { kpi: 'revenue' });

  it('ranks rows by swing, largest first', () => {
    for (let i = 1; i < r.rows.length; i++) expect(r.rows[i - 1].swing).toBeGreaterThanOrEqual(r.rows[i].swing);
    expect(r.rows[0].swing).toBeGreaterThan(0);
  });

  it('swings the price elasticity over its range -2.5..-0.5 with revenue higher at the more elastic end for a price cut', () => {
    const row = r.rows.find((x) => x.id === 'pricing.priceElasticity')!;
    expect(row.inputLow).toBe(-2.5);
    expect(row.inputHigh).toBe(-0.5);
    expect(row.kpiLow!).toBeGreaterThan(row.kpiHigh!);
  });

  it('gives the elasticity of AOV to the price change: Δp / (1 + Δp) (AOV ∝ 1 + Δp, spend per order)', () => {
    // every order (existing base at the CDNOW prior, new customers alike) costs mean spend x (1 + Δp),
    // so d ln AOV / d ln Δp = Δp / (1 + Δp) = -0.05 / 0.95 at Δp = -0.05
    const aov = sensitivity(base, s, { kpi: 'aov' });
    const row = aov.rows.find((x) => x.id === 'levers.pricing.priceChange')!;
    expect(row.elasticity!).toBeCloseTo(-0.05 / 0.95, 4);
  });

  it('does not move revenue through lever-only assumptions of unused levers', () => {
    const row = r.rows.find((x) => x.id === 'service.aiSatisfaction')!;
    expect(row.swing).toBe(0);
  });
});
