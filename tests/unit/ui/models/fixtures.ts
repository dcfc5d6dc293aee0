/** Test fixtures for the /models helpers: customer summaries and a hand-made uplift result. */
import type { CustomerSummary } from '$lib/data/types';
import type { UpliftResult } from '$lib/learn/uplift';
import { qiniCurve, upliftByBin } from '$lib/learn/qini';

export function customer(i: number, patch: Partial<CustomerSummary> = {}): CustomerSummary {
  return {
    id: `c${i}`,
    x: i % 4,
    tx: 10 + (i % 7),
    T: 30,
    m: 20 + i,
    firstSpend: 15,
    xHoldout: i % 3 === 0 ? 1 : 0,
    holdoutSpend: 0,
    firstDate: '2020-01-01',
    lastDate: '2020-06-01',
    channel: i % 2 ? 'search' : 'email',
    segment: 'regular',
    region: 'north',
    treatment: i % 2,
    ...patch
  };
}

/**
 * A two-arm uplift result over 8 customers, all held out: arm of each row, outcome,
 * and predicted uplift (ranked 0 > 1 > ... > 7). Only the fields the helpers read are real.
 */
export function upliftFixture(): { result: UpliftResult; armOf: string[]; outcome: Float64Array } {
  const armOf = ['t', 'c', 't', 'c', 't', 'c', 't', 'c'];
  const outcome = Float64Array.from([1, 0, 1, 1, 0, 0, 0, 1]);
  const tau = Float64Array.from([0.4, 0.3, 0.2, 0.1, 0, -0.1, -0.2, -0.3]);
  const flag = armOf.map((a) => (a === 't' ? 1 : 0));
  const qini = qiniCurve(tau, flag, outcome);
  const result = {
    version: 1,
    method: 't-learner',
    modelName: 'T-learner, logistic regression',
    backend: 'cpu',
    outcomeName: 'bought',
    outcomeKind: 'binary',
    control: 'c',
    arms: [
      {
        arm: 't',
        trainTreated: 0,
        trainControl: 0,
        testTreated: 4,
        testControl: 4,
        observedEffect: 0.5 - 0.5,
        estimatedEffect: 0.05,
        observedEffectTest: 0,
        estimatedEffectTest: 0.05,
        qini,
        deciles: upliftByBin(tau, flag, outcome, 4)
      }
    ],
    responses: [
      { arm: 'c', observedMean: 0.5, predictedMean: 0.5, heldOutAuc: 0.6 },
      { arm: 't', observedMean: 0.5, predictedMean: 0.55, heldOutAuc: 0.7 }
    ],
    predictedUplift: { t: tau },
    testRows: Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7]),
    training: {},
    encoder: { version: 1, numeric: [], categorical: [], featureNames: [], sourceColumns: [] },
    models: null,
    targetScales: {},
    seed: 1,
    trainedAt: '2026-11-23T10:00:00.000Z',
    millis: 12
  } as UpliftResult;
  return { result, armOf, outcome };
}
