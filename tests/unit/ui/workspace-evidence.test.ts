import { describe, expect, it } from 'vitest';
import { Workspace, type ScenarioEngine } from '$lib/ui/workspace.svelte';
import type { PersonalisationEvidence, Scenario } from '$lib/model/scenario/scenario-types';
import { encodeScenarioParam, decodeScenarioParam } from '$lib/model/scenario/scenario';

const evidence: PersonalisationEvidence = {
  model: 'T-learner, logistic regression on bought in holdout, campaign vs control',
  source: 'test',
  outcomeKind: 'binary',
  upliftTargeted: 0.03,
  upliftAverage: 0.014,
  baselineRate: 0.2,
  coverage: 0.4,
  metrics: { responseAuc: 0.69 },
  trainedAt: '2026-11-23T10:00:00.000Z'
};

describe('the workspace records measured personalisation evidence', () => {
  it('puts the evidence in the working scenario, sends it to the engine, and removes it again', async () => {
    const seen: Scenario[] = [];
    const engine: ScenarioEngine = { evaluate: async (s) => (seen.push(s), null) };
    const w = new Workspace();
    w.attachEngine(engine);
    w.setPersonalisationEvidence(evidence);
    await Promise.resolve();
    expect(w.scenario.evidence?.personalisation).toEqual(evidence);
    expect(seen.at(-1)?.evidence?.personalisation).toEqual(evidence);
    // the share link carries it
    const decoded = decodeScenarioParam(encodeScenarioParam(JSON.parse(JSON.stringify(w.scenario)) as Scenario));
    expect(decoded.ok && decoded.scenario.evidence?.personalisation).toEqual(evidence);
    w.setPersonalisationEvidence(null);
    expect('evidence' in w.scenario).toBe(false);
  });
});
