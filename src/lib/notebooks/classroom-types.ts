/**
 * Cells of the classroom: an estimation cell (draw a seeded sample from a stated truth, fit,
 * interval, repeat for the sampling distribution and coverage) and an experiment cell (a
 * randomised treatment with a known uplift, its interval by sample size, and the sample size
 * needed to detect an uplift). Plain data, like every cell.
 */
import type { EstimationSpec } from '../model/classroom/estimation.ts';
import type { ExperimentSpec } from '../model/classroom/experiment.ts';
import type { BlockBase } from './types.ts';

/** Both cells draw their own sample from the truth they state, so `needs` stays absent. */
type CellBase = BlockBase;

export interface EstimationCell extends CellBase {
  kind: 'estimation';
  /** the draw and fit; null when the fence line has errors */
  spec: EstimationSpec | null;
  /** the preset the truth came from, when named */
  preset: string | null;
  /** where the truth comes from, as shown under the cell */
  source: string;
  /** how many replicates the repeat control runs */
  repeats: number;
  title: string | null;
}

export interface ExperimentCell extends CellBase {
  kind: 'experiment';
  spec: ExperimentSpec | null;
  /** the sample sizes the control steps through (customers in both arms together) */
  sizes: number[];
  /** the uplift (proportion points) the sample-size helper starts from */
  detect: number;
  /** the power the helper starts from */
  power: number;
  title: string | null;
}
