/** The workbench's share link: the scenario and the fingerprint of the data it was made on. */
import { encodeScenarioParam } from '$lib/model/scenario/scenario';
import type { Outcome, Scenario } from '$lib/model/scenario/scenario-types';
import type { FitReport } from '$lib/pipeline/fit-step';
import { encodeFingerprint, makeFingerprint } from './fingerprint';

export interface ShareInput {
  scenario: Scenario;
  dataset: { name: string; customers: number } | null;
  report: FitReport | null;
  source: string;
  outcome: Outcome | null;
}

export function shareUrl(origin: string, input: ShareInput): string {
  const s = encodeScenarioParam(input.scenario);
  if (!input.dataset || !input.outcome) return `${origin}/#s=${s}`;
  const d = encodeFingerprint(makeFingerprint(input.dataset, input.report, input.source, input.outcome));
  return `${origin}/#s=${s}&d=${d}`;
}
