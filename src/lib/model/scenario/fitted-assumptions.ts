/**
 * Fitted channel values in place of the registry's (issue 16 item 6): a converged channel fit
 * becomes assumption overrides with their origin, and removing them falls back to the registry.
 *
 * Per workbench channel c with a converged fit:
 * - channels.c.adstockDecay, .hillSlope, .halfSaturation: central = the estimate, low/high = the
 *   estimate ± 1.96 standard errors (the Laplace approximation's 95% interval), kept inside the
 *   parameter's domain (θ in [0, 0.99], κ and K > 0);
 * - channels.c.maxVisits = maxNewCustomers / conversion, with the conversion the registry's (or the
 *   scenario's) value: the fit measures new customers, the workbench splits them into visits x
 *   conversion;
 * - a channel flagged as not identified contributes only what its data pin down: the adstock decay
 *   when its standard error is below 0.1; its curve stays the registry's, said so.
 * Channel quality (BG/NBD per acquisition channel, pipeline/channel-quality.ts) gives
 * channels.c.qualityDropout and .qualityRate the same way, when the channel was fitted (not pooled)
 * and its fit converged.
 */
import { assumptionById } from './assumptions.ts';
import { CHANNEL_IDS, type AssumptionOverride, type ChannelCurveEvidence, type ChannelId } from './scenario-types.ts';
import type { ChannelFitResult } from './channel-fit.ts';

export interface AssumptionOrigin {
  /** fitted from the dataset, or measured by a lift test the user entered (lift-tests.ts) */
  origin: 'fitted' | 'lift test';
  /** "fitted from your data (2026-12-02)", "your test, 2025-04-27" */
  label: string;
  /** which fit and what it measured */
  detail: string;
}

export interface FittedAssumptions {
  overrides: Record<string, AssumptionOverride>;
  origins: Record<string, AssumptionOrigin>;
  /** sentences: what was not replaced and why */
  notes: string[];
  /**
   * the identified channels' curves with their covariance, for the Monte Carlo's joint draws
   * (scenario.evidence.channels)
   */
  curves?: Partial<Record<ChannelId, ChannelCurveEvidence>>;
}

export interface QualityInput {
  channel: string;
  estimate: 'fitted' | 'pooled';
  dropout: { value: number; se: number };
  rate: { value: number; se: number };
  /** whether the channel's BG/NBD (and Gamma-Gamma) converged; absent = converged */
  converged?: boolean;
}

const Z95 = 1.959964;

function interval(value: number, se: number, min: number, max: number): AssumptionOverride {
  const half = Number.isFinite(se) ? Z95 * se : 0;
  return { central: value, low: Math.max(min, value - half), high: Math.min(max, value + half) };
}

export function fittedChannelAssumptions(
  fit: ChannelFitResult,
  fittedAt: string,
  quality: readonly QualityInput[] = [],
  conversion: (channel: string) => number = (c) => assumptionById(`channels.${c}.conversion`)?.central ?? NaN
): FittedAssumptions {
  const overrides: Record<string, AssumptionOverride> = {};
  const origins: Record<string, AssumptionOrigin> = {};
  const notes: string[] = [];
  const curves: Partial<Record<ChannelId, ChannelCurveEvidence>> = {};
  const label = `fitted from your data (${fittedAt})`;
  const known = new Set<string>(CHANNEL_IDS);
  const put = (id: string, o: AssumptionOverride, detail: string) => {
    overrides[id] = o;
    origins[id] = { origin: 'fitted', label, detail };
  };
  if (!fit.converged) {
    notes.push('The channel fit did not converge, so no assumption was replaced.');
  } else {
    const how = `${fit.mode} channel response fit on ${fit.weeks} weeks (Poisson, geometric adstock + Hill)`;
    for (const c of fit.channels) {
      if (!known.has(c.channel)) {
        notes.push(`${c.channel} is not a workbench channel; its fit is not used.`);
        continue;
      }
      const id = (p: string) => `channels.${c.channel}.${p}`;
      const calibrated =
        c.liftTests > 0 ? `${how}, calibrated by ${c.liftTests} lift test${c.liftTests === 1 ? '' : 's'}` : how;
      const decayOk = Number.isFinite(c.se.adstockDecay) && c.se.adstockDecay < 0.1;
      if (c.identified || decayOk) {
        put(id('adstockDecay'), interval(c.params.adstockDecay, c.se.adstockDecay, 0, 0.99), calibrated);
      }
      if (!c.identified) {
        notes.push(`${c.channel}: its response curve stays the registry's because ${c.identificationNote}.`);
        continue;
      }
      put(id('hillSlope'), interval(c.params.hillSlope, c.se.hillSlope, 1e-3, Infinity), calibrated);
      put(id('halfSaturation'), interval(c.params.halfSaturation, c.se.halfSaturation, 1e-6, Infinity), calibrated);
      const conv = conversion(c.channel);
      const p = c.params;
      if (conv > 0 && conv <= 1 && c.cov) {
        curves[c.channel as ChannelId] = {
          mean: [
            Math.log(p.adstockDecay / (1 - p.adstockDecay)),
            Math.log(p.hillSlope),
            Math.log(p.halfSaturation),
            Math.log(p.maxNewCustomers)
          ],
          cov: [...c.cov],
          conversion: conv,
          source: label
        };
      }
      if (conv > 0) {
        put(
          id('maxVisits'),
          interval(c.params.maxNewCustomers / conv, c.se.maxNewCustomers / conv, 1e-6, Infinity),
          `${calibrated}: maximum new customers ${c.params.maxNewCustomers.toFixed(1)} a week / conversion ${conv}`
        );
      }
    }
  }
  const q = fittedQualityAssumptions(quality, fittedAt);
  Object.assign(overrides, q.overrides);
  Object.assign(origins, q.origins);
  notes.push(...q.notes);
  return Object.keys(curves).length > 0 ? { overrides, origins, notes, curves } : { overrides, origins, notes };
}

/**
 * The channel-quality multipliers of the channels that were fitted (not pooled) as assumption
 * overrides: channels.c.qualityDropout and .qualityRate, central = the estimate, low/high = ± 1.96
 * standard errors; a channel the workbench does not know is left out.
 */
export function fittedQualityAssumptions(
  quality: readonly QualityInput[],
  fittedAt: string
): Pick<FittedAssumptions, 'overrides' | 'origins' | 'notes'> {
  const overrides: Record<string, AssumptionOverride> = {};
  const origins: Record<string, AssumptionOrigin> = {};
  const notes: string[] = [];
  const known = new Set<string>(CHANNEL_IDS);
  const label = `fitted from your data (${fittedAt})`;
  const detail = 'BG/NBD of the customers the channel brought, partially pooled towards all customers';
  const put = (id: string, o: AssumptionOverride) => {
    overrides[id] = o;
    origins[id] = { origin: 'fitted', label, detail };
  };
  for (const q of quality) {
    if (!known.has(q.channel) || q.estimate !== 'fitted') continue;
    if (q.converged === false) {
      notes.push(
        `${q.channel}: the BG/NBD of its customers did not converge, so its channel quality stays the registry's.`
      );
      continue;
    }
    if (Number.isFinite(q.dropout.se))
      put(`channels.${q.channel}.qualityDropout`, interval(q.dropout.value, q.dropout.se, 1e-3, Infinity));
    if (Number.isFinite(q.rate.se))
      put(`channels.${q.channel}.qualityRate`, interval(q.rate.value, q.rate.se, 1e-3, Infinity));
  }
  return { overrides, origins, notes };
}

/** The overrides without the fitted ones: the assumptions fall back to the registry (or the user's own edits). */
export function removeFitted(
  overrides: Record<string, AssumptionOverride>,
  fitted: FittedAssumptions
): Record<string, AssumptionOverride> {
  const out: Record<string, AssumptionOverride> = {};
  for (const [id, o] of Object.entries(overrides)) if (!(id in fitted.origins)) out[id] = o;
  return out;
}

/** "12 of 60 effects measured on your data" */
export function provenanceSummary(fitted: FittedAssumptions, total: number): string {
  return `${Object.keys(fitted.origins).length} of ${total} effects measured on your data`;
}
