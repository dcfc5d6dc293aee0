/**
 * What the workbench shows of the fit (the fit step's FitReport, src/lib/pipeline/fit-step.ts):
 * the diagnostics split into warnings and notes, the BG/NBD maximum-likelihood and MAP estimates
 * side by side with the prior of each quantity, and the choice of which drives the baseline.
 * Plain functions, no DOM.
 */
import type { EstimateChoice, FitReport } from '$lib/pipeline/fit-step';
import { formatParameter } from '$lib/pipeline/fit-diagnostics';
import type { FitDiagnostic } from '$lib/pipeline/fit-diagnostics';
import type { BgNbdParams, FitResult } from '$lib/model/core/types';
import { formatPlain } from '$lib/charts/format';

export interface EstimateRow {
  /** the quantity, with its unit */
  label: string;
  mle: string;
  map: string;
  /** the prior on this quantity in the MAP fit, '' when none is placed on it directly */
  prior: string;
}

export const ESTIMATE_CHOICES: readonly { value: EstimateChoice; label: string; hint: string }[] = [
  {
    value: 'auto',
    label: 'Automatic',
    hint: 'maximum likelihood, or the MAP fit when maximum likelihood leaves a parameter unidentified'
  },
  { value: 'mle', label: 'Maximum likelihood', hint: 'the data alone' },
  { value: 'map', label: 'MAP with priors', hint: 'the data and the weakly-informative priors below' }
];

export function warningsOf(report: FitReport): FitDiagnostic[] {
  return report.diagnostics.filter((d) => d.level === 'warning');
}

/** the notes, without the one on the estimate in use: the panel states that in its own line and table */
export function notesOf(report: FitReport): FitDiagnostic[] {
  return report.diagnostics.filter((d) => d.level === 'note' && d.code !== 'estimate-in-use');
}

/** "0.723 ± 0.0288", or the value alone without a standard error */
export function withError(value: number, se: number | undefined): string {
  return Number.isFinite(se) ? `${formatParameter(value)} ± ${formatParameter(se!)}` : `${formatParameter(value)} (±?)`;
}

function cell(
  fit: FitResult<BgNbdParams> | null,
  pick: (p: BgNbdParams, se: Record<string, number>) => string
): string {
  return fit ? pick(fit.params, fit.stdErr as Record<string, number>) : 'not defined';
}

/** The estimate table: BG/NBD parameters, the dropout as mean and concentration, the log-likelihood. */
export function estimateRows(report: FitReport): EstimateRow[] {
  const p = report.purchase;
  if (!p) return [];
  const prior = (name: string) => p.prior.find((t) => t.parameter === name)?.label ?? '';
  const param = (k: keyof BgNbdParams) => (params: BgNbdParams, se: Record<string, number>) =>
    withError(params[k], se[k]);
  return [
    { label: 'r (purchase-rate shape)', mle: cell(p.mle, param('r')), map: cell(p.map, param('r')), prior: prior('r') },
    {
      label: 'α (purchase-rate scale, weeks)',
      mle: cell(p.mle, param('alpha')),
      map: cell(p.map, param('alpha')),
      prior: prior('alpha')
    },
    { label: 'a (dropout)', mle: cell(p.mle, param('a')), map: cell(p.map, param('a')), prior: '' },
    { label: 'b (dropout)', mle: cell(p.mle, param('b')), map: cell(p.map, param('b')), prior: '' },
    {
      label: 'mean dropout per purchase, a / (a + b)',
      mle: cell(p.mle, (q) => formatParameter(q.a / (q.a + q.b))),
      map: cell(p.map, (q) => formatParameter(q.a / (q.a + q.b))),
      prior: prior('phi')
    },
    {
      label: 'dropout concentration, a + b',
      mle: cell(p.mle, (q) => formatParameter(q.a + q.b)),
      map: cell(p.map, (q) => formatParameter(q.a + q.b)),
      prior: prior('kappa')
    },
    {
      label: 'log-likelihood',
      mle: p.mle ? formatPlain(p.mle.logLik, 2) : 'not defined',
      map: formatPlain(p.map.logLik, 2),
      prior: ''
    }
  ];
}

/** One line on what drives the baseline. */
export function estimateInUse(report: FitReport): string {
  const p = report.purchase;
  if (!p) return 'The baseline uses the sBG maximum-likelihood fit.';
  const which = p.inUse === 'map' ? 'the MAP fit with weakly-informative priors' : 'the maximum-likelihood fit';
  const why =
    p.choice === 'auto'
      ? p.inUse === 'map'
        ? p.mle
          ? ' (automatic: maximum likelihood leaves a parameter unidentified)'
          : ` (automatic: ${p.mleError ?? 'maximum likelihood is not defined'})`
        : ' (automatic: every parameter is identified)'
      : ' (as chosen)';
  return `The baseline uses ${which}${why}.`;
}

/** The choices open to the person: MLE only when it exists. */
export function choicesFor(report: FitReport): typeof ESTIMATE_CHOICES {
  return report.purchase?.mle ? ESTIMATE_CHOICES : ESTIMATE_CHOICES.filter((c) => c.value !== 'mle');
}
