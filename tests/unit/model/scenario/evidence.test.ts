import { describe, expect, it } from 'vitest';
import { parseEvidence } from '$lib/model/scenario/evidence.ts';
import {
  parseScenario,
  scenarioDiff,
  encodeScenarioParam,
  decodeScenarioParam,
  neutralScenario
} from '$lib/model/scenario/scenario.ts';
import type { PersonalisationEvidence, Scenario } from '$lib/model/scenario/scenario-types.ts';
import {
  personalisationEffect,
  measuredUpliftAt,
  measuredRateMultiplier
} from '$lib/model/scenario/levers/personalisation.ts';
import { product } from '$lib/model/scenario/levers/effect.ts';
import { scenarioValues, evaluateScenario } from '$lib/model/scenario/engine/evaluate.ts';
import { explainGraph } from '$lib/model/scenario/engine/explain.ts';
import { prepareBaseline, cdnowDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';

/** A measured campaign: top 30% of customers buy with probability 0.25 instead of 0.20 in the window. */
const evidence: PersonalisationEvidence = {
  model: 'T-learner, logistic regression on bought in holdout, 1 vs 0',
  source: 'test fixture',
  outcomeKind: 'binary',
  upliftTargeted: 0.05,
  upliftAverage: 0.02,
  baselineRate: 0.2,
  coverage: 0.3,
  metrics: { qiniNormalised: 0.31, responseAuc: 0.71, testRows: 3000 },
  trainedAt: '2026-11-23T10:00:00.000Z'
};

function withEvidence(coverage = 0.3): Scenario {
  const s = neutralScenario('measured');
  s.levers.personalisation.coverage = coverage;
  s.levers.personalisation.consentShare = 1;
  s.levers.personalisation.modelAuc = 0.71;
  s.evidence = { personalisation: structuredClone(evidence) };
  return s;
}

describe('scenario evidence: parsing and share links', () => {
  it('round-trips through parseScenario, scenarioDiff and the URL parameter unchanged', () => {
    const s = withEvidence();
    const parsed = parseScenario(JSON.parse(JSON.stringify(s)));
    expect(parsed.ok && parsed.scenario.evidence).toEqual(s.evidence);
    expect(scenarioDiff(s).evidence).toEqual(s.evidence);
    const decoded = decodeScenarioParam(encodeScenarioParam(s));
    expect(decoded.ok && decoded.scenario.evidence).toEqual(s.evidence);
  });

  it('leaves evidence out of a scenario that has none', () => {
    const parsed = parseScenario(neutralScenario());
    expect(parsed.ok && 'evidence' in parsed.scenario).toBe(false);
    expect('evidence' in scenarioDiff(neutralScenario())).toBe(false);
  });

  it('rejects unknown keys, non-finite numbers, impossible rates and unbounded strings, naming field and value', () => {
    const bad = (patch: Record<string, unknown>) => {
      const r = parseScenario({ ...neutralScenario(), evidence: { personalisation: { ...evidence, ...patch } } });
      return r.ok ? [] : r.errors;
    };
    expect(bad({ extra: 1 })).toEqual(['evidence.personalisation.extra: unknown field']);
    expect(bad({ upliftTargeted: Number.NaN })).toEqual([
      'evidence.personalisation.upliftTargeted: NaN (must be a finite number)'
    ]);
    expect(bad({ baselineRate: 0 })).toEqual(['evidence.personalisation.baselineRate: 0 (must be > 0)']);
    expect(bad({ upliftTargeted: 0.9 })[0]).toContain('baselineRate + upliftTargeted');
    expect(bad({ model: 'x'.repeat(501) })[0]).toContain('at most 500 characters');
    expect(bad({ coverage: 1.5 })).toEqual(['evidence.personalisation.coverage: 1.5 (must be <= 1)']);
    expect(bad({ metrics: { auc: Infinity } })).toEqual([
      'evidence.personalisation.metrics.auc: Infinity (must be a finite number)'
    ]);
    expect(bad({ trainedAt: 'yesterday' })[0]).toContain('ISO date-time');
    const other = parseScenario({ ...neutralScenario(), evidence: { pricing: {} } });
    expect(other.ok ? [] : other.errors).toEqual(['evidence.pricing: unknown field']);
  });
});

describe('the personalisation lever with measured evidence', () => {
  const a = scenarioValues(neutralScenario());

  it('maps a purchase-probability uplift to a rate multiplier through P = 1 - exp(-λw)', () => {
    // closed form: λ'/λ = ln(1 - 0.25) / ln(1 - 0.20) = 1.28922...
    expect(measuredRateMultiplier(evidence, 0.05)).toBeCloseTo(Math.log(0.75) / Math.log(0.8), 14);
    // small probabilities: the rate ratio tends to the probability ratio (0.0011 / 0.001)
    const rare = { ...evidence, baselineRate: 1e-9 };
    expect(measuredRateMultiplier(rare, 1e-10)).toBeCloseTo(1.1, 8);
    expect(measuredRateMultiplier({ ...evidence, outcomeKind: 'continuous', baselineRate: 50 }, 5)).toBeCloseTo(
      1.1,
      14
    );
  });

  it('interpolates the uplift beyond the measured share from the average uplift', () => {
    // rest of the customers: (0.02 - 0.3 x 0.05) / 0.7 = 0.0071428...; at c = 0.6: (0.015 + 0.3 x rest) / 0.6
    const rest = (0.02 - 0.3 * 0.05) / 0.7;
    expect(measuredUpliftAt(evidence, 0.6)).toBeCloseTo((0.3 * 0.05 + 0.3 * rest) / 0.6, 15);
    expect(measuredUpliftAt(evidence, 1)).toBeCloseTo(0.02, 15);
    expect(measuredUpliftAt(evidence, 0.1)).toBe(0.05);
  });

  it('replaces the illustrative +20% conversion and the rate effects by 1 + coverage x (M - 1)', () => {
    const s = withEvidence();
    const e = personalisationEffect(s.levers.personalisation, a, s.evidence!.personalisation);
    const M = Math.log(0.75) / Math.log(0.8);
    expect(product(e.contributions.purchaseRate)).toBeCloseTo(1 + 0.3 * (M - 1), 14);
    // product recommendations' cross-sell stays an assumption: 1 + e x 5% with e = 0.3 x (0.71 - 0.5) / (0.75 - 0.5)
    expect(product(e.contributions.conversion)).toBeCloseTo(1 + 0.3 * (M - 1), 14);
    expect(e.contributions.conversion!.map((c) => c.lever)).toEqual(['personalisation.measured']);
    expect(product(e.contributions.spendPerOrder)).toBeCloseTo(1 + 0.3 * ((0.71 - 0.5) / 0.25) * 0.05, 14);
    const seeded = personalisationEffect(s.levers.personalisation, a);
    expect(seeded.contributions.conversion!.map((c) => c.lever)).toContain('personalisation.product');
  });

  it('says so when the coverage differs from the share the uplift was measured at', () => {
    const s = withEvidence(0.6);
    const e = personalisationEffect(s.levers.personalisation, a, s.evidence!.personalisation);
    expect(e.warnings.some((w) => w.includes('measured top 0.3'))).toBe(true);
  });

  it('moves the projected transactions in the direction of the measured uplift', () => {
    const base = prepareBaseline(cdnowDefaultBaseline(10));
    const up = evaluateScenario(base, withEvidence());
    const none = withEvidence();
    none.evidence = { personalisation: { ...evidence, upliftTargeted: 0, upliftAverage: 0 } };
    const flat = evaluateScenario(base, none);
    const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((t, x) => t + x, 0);
    expect(sum(up.series.transactions)).toBeGreaterThan(sum(flat.series.transactions));
    expect(flat.drivers.purchaseRate.contributions.some((c) => c.lever === 'personalisation.measured')).toBe(false);
  });
});

describe('the explain graph with measured evidence', () => {
  const base = prepareBaseline(cdnowDefaultBaseline(10));
  const s = withEvidence();
  const g = explainGraph(s, evaluateScenario(base, s));

  it('names the model and its held-out metrics as the source of the personalisation lever nodes', () => {
    for (const id of ['lever:personalisation.coverage', 'lever:personalisation.modelAuc']) {
      const node = g.nodes.find((n) => n.id === id)!;
      expect(node.source).toContain(evidence.model);
      expect(node.source).toContain('qiniNormalised 0.310');
      expect(node.source).toContain('responseAuc 0.710');
    }
  });

  it('has an evidence node linked to the drivers it multiplies, and no dangling edges', () => {
    expect(g.nodes.find((n) => n.id === 'evidence:personalisation')?.label).toContain(evidence.model);
    expect(g.edges.some((e) => e.from === 'evidence:personalisation' && e.to === 'driver:purchaseRate')).toBe(true);
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to), `${e.from} -> ${e.to}`).toBe(true);
  });
});

describe('evidence.channels: fitted curves with their covariance', () => {
  const good = {
    mean: [-1.386, 0.405, 8.29, 5.99],
    cov: [0.01, 0.002, 0, 0, 0.002, 0.02, 0, 0, 0, 0, 0.05, 0.01, 0, 0, 0.01, 0.04],
    conversion: 0.01,
    source: 'fitted from your data (2026-12-02)'
  };
  it('keeps a valid curve and names every bad field', () => {
    const errors: string[] = [];
    expect(parseEvidence({ channels: { search: good } }, errors)).toEqual({ channels: { search: good } });
    expect(errors).toEqual([]);
    const bad: string[] = [];
    parseEvidence(
      {
        channels: {
          search: { ...good, cov: [...good.cov.slice(0, 1), 0.5, ...good.cov.slice(2)] },
          email: { ...good, mean: [1, 2] },
          tv: good
        }
      },
      bad
    );
    expect(bad).toContain('evidence.channels.tv: unknown field');
    expect(bad).toContain('evidence.channels.search.cov: not symmetric at (1, 0)');
    expect(bad).toContain('evidence.channels.email.mean: an array (must be an array of 4 numbers)');
  });
});
