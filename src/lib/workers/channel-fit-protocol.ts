/**
 * Messages of the channel-fit worker (issue 16 item 3): the channel response fit of
 * model/scenario/channel-fit.ts off the main thread, with progress.
 */
import type { ChannelFitResult } from '../model/scenario/channel-fit.ts';
import type { ChannelLiftObservation } from '../model/scenario/lift-tests.ts';
import type { ChannelQualityResult, QualityCustomer } from '../pipeline/channel-quality.ts';

/** The fit's input without the progress callback (structured-cloneable). */
export interface ChannelFitJob {
  channels: string[];
  spend: Float64Array[];
  newCustomers?: Float64Array[];
  organic?: Float64Array;
  total?: Float64Array;
  /** channel lift tests in the likelihood */
  liftTests?: ChannelLiftObservation[];
  /**
   * the dataset's customer summaries (model periods) with `channel` their workbench acquisition
   * channel ('' = organic): the BG/NBD + Gamma-Gamma per channel is fitted after the response
   */
  quality?: QualityCustomer[];
}

export type ChannelFitRequest = { id: number; type: 'fit-channels'; job: ChannelFitJob };

export type ChannelFitResponse =
  | { id: number; type: 'progress'; fraction: number }
  | { id: number; type: 'fitted'; result: ChannelFitResult; quality?: ChannelQualityResult; ms: number }
  | { id: number; type: 'error'; error: { name: string; message: string } };
