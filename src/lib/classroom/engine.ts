/**
 * The engine of a challenge: a scenario-engine client with the challenge's preset baseline
 * (the notebooks' baselines: population parameters, so a teacher's laptop and a student's
 * compute the same numbers without a fit). Evaluation runs on the engine worker's batch lane.
 */
import { baselineSpecFor } from '../notebooks/runtime.ts';
import type { NotebookEngine } from '../notebooks/runtime.ts';
import type { Scenario } from '../model/scenario/scenario-types.ts';
import type { ChallengeDataset, EvaluateKpis } from './challenge.ts';
import type { EvaluateAnswer } from '../workers/engine-client.ts';

export interface ChallengeEngine {
  /** every scenario's outcome, in order; throws the engine's errors */
  evaluate(scenarios: Scenario[]): Promise<EvaluateAnswer[]>;
  /** the goal-KPI form the review takes */
  kpis: EvaluateKpis;
  dispose(): void;
}

export function challengeEngine(dataset: ChallengeDataset, client: NotebookEngine): ChallengeEngine {
  const ready = client.setBaseline(baselineSpecFor(dataset));
  async function evaluate(scenarios: Scenario[]): Promise<EvaluateAnswer[]> {
    const b = await ready;
    if (b.status === 'error') throw new Error(`the baseline could not be set: ${b.errors.join('; ')}`);
    if (b.status !== 'ok') throw new Error('the engine was stopped');
    const r = await client.evaluateAll(scenarios);
    if (r.status === 'error') throw new Error(r.errors.join('; '));
    if (r.status !== 'ok') throw new Error('the engine was stopped');
    return r.value;
  }
  return {
    evaluate,
    kpis: async (scenarios) => (await evaluate(scenarios)).map((a) => ({ ...a.outcome.kpis })),
    dispose: () => client.dispose()
  };
}
