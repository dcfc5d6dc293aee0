/**
 * The Hillstrom uplift workflow in one call (also the benchmark entry point): parse the CSV
 * (if given as text), train the uplift model for one outcome on all 64,000 customers with
 * both e-mail arms against No E-Mail, and return the result. The lead's Chromium benchmark
 * runs it inside the learn worker; target: convergence in < 20 s.
 */
import {
  HILLSTROM_CONTROL,
  HILLSTROM_FEATURES,
  parseHillstrom,
  type HillstromData,
  type HillstromOutcome
} from './hillstrom.ts';
import { trainUplift, type UpliftOptions, type UpliftResult } from './uplift.ts';
import type { Tf } from './tf.ts';

export type HillstromUpliftOptions = Partial<
  Omit<UpliftOptions, 'features' | 'control' | 'outcomeKind' | 'outcomeName'>
> & {
  /** outcome to model (default 'visit') */
  outcome?: HillstromOutcome;
};

export async function trainHillstromUplift(
  input: string | HillstromData,
  options: HillstromUpliftOptions = {},
  tf?: Tf
): Promise<UpliftResult> {
  const data = typeof input === 'string' ? parseHillstrom(input) : input;
  const outcome = options.outcome ?? 'visit';
  const { outcome: _outcome, ...rest } = options;
  return trainUplift(
    { features: data.features, arm: data.arm, outcome: data[outcome] },
    {
      epochs: 30,
      batchSize: 512,
      seed: 1,
      ...rest,
      features: HILLSTROM_FEATURES,
      control: HILLSTROM_CONTROL,
      outcomeKind: outcome === 'spend' ? 'continuous' : 'binary',
      outcomeName: outcome
    },
    tf
  );
}
