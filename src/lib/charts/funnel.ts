/**
 * Funnel arithmetic: stage-to-stage conversion (count at a stage / count at the
 * stage before) and overall conversion from the first stage, for the baseline and
 * optionally the scenario. A conversion from an empty stage is null (undefined),
 * not 0 or Infinity.
 */
export interface FunnelStage {
  label: string;
  /** count at this stage in the baseline, e.g. visits per year */
  baseline: number;
  /** count in the scenario */
  scenario?: number;
}

export interface FunnelConversion {
  label: string;
  /** share of the previous stage; null for the first stage or after an empty one */
  baselineStep: number | null;
  scenarioStep: number | null;
  /** share of the first stage */
  baselineOverall: number | null;
  scenarioOverall: number | null;
}

const ratio = (a: number | undefined, b: number | undefined): number | null =>
  a === undefined || b === undefined || !(b > 0) ? null : a / b;

export function funnelConversions(stages: readonly FunnelStage[]): FunnelConversion[] {
  stages.forEach((s, i) => {
    for (const [what, v] of [
      ['baseline', s.baseline],
      ['scenario', s.scenario]
    ] as const)
      if (v !== undefined && !(Number.isFinite(v) && v >= 0))
        throw new RangeError(
          `invalid funnel ${what} count at stage ${i} (${JSON.stringify(s.label)}): ${v} (must be >= 0)`
        );
  });
  const first = stages[0];
  return stages.map((s, i) => ({
    label: s.label,
    baselineStep: i === 0 ? null : ratio(s.baseline, stages[i - 1].baseline),
    scenarioStep: i === 0 ? null : ratio(s.scenario, stages[i - 1].scenario),
    baselineOverall: ratio(s.baseline, first?.baseline),
    scenarioOverall: ratio(s.scenario, first?.scenario)
  }));
}

/** A log scale helps when the last stage is under 1/50 of the first (visits vs repeat buyers). */
export function funnelNeedsLogScale(stages: readonly FunnelStage[]): boolean {
  const counts = stages.flatMap((s) => [s.baseline, s.scenario]).filter((v): v is number => v !== undefined && v > 0);
  if (counts.length < 2) return false;
  return Math.max(...counts) / Math.min(...counts) > 50;
}
