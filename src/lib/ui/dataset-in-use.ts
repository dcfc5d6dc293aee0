/**
 * The one rule for the dataset in use, in words: the line every page shows ("Using: name ·
 * N customers · fitted BG/NBD"), the warning when the data is too thin to say much, and the
 * sentences said when the dataset in use changes or could not change. Plain functions.
 */
import type { DatasetMeta, ModelChoice } from '$lib/data/types';
import type { FitReport } from '$lib/pipeline/fit-step';
import { MODEL_LABELS } from '$lib/pipeline/holdout-evaluation';
import { plural } from '$lib/text/plural';

/** Below this many customers the fitted model rests on too few people. */
export const SMALL_SAMPLE_CUSTOMERS = 50;
/** Below this span of purchase dates (days) repeat behaviour has hardly been seen. */
export const SHORT_SPAN_DAYS = 28;

type InUseMeta = Pick<DatasetMeta, 'name' | 'customers' | 'kind' | 'firstDate' | 'lastDate' | 'hasDates'> &
  Partial<Pick<DatasetMeta, 'modelChoice'>>;

/** "customers scored by Pareto/NBD, chosen by holdout RMSE 1.030" (or "… the proposed …, picked over …"). */
export function choiceLine(choice: ModelChoice): string {
  const name = MODEL_LABELS[choice.model];
  const rmse = choice.rmse[choice.model];
  const score = rmse === undefined ? '' : ` ${rmse.toFixed(3)}`;
  if (choice.proposed === choice.model) return `customers scored by ${name}, chosen by holdout RMSE${score}`;
  const proposed = choice.proposed ? MODEL_LABELS[choice.proposed] : null;
  const best = choice.proposed ? choice.rmse[choice.proposed] : undefined;
  return (
    `customers scored by ${name} (holdout RMSE${score}), picked over the proposed ` +
    `${proposed ?? 'none'}${best === undefined ? '' : ` ${best.toFixed(3)}`}`
  );
}

/** The model the baseline uses, named as the fit report says. */
export function fittedModel(report: Pick<FitReport, 'purchase'> | null): string {
  if (!report) return '';
  if (!report.purchase) return 'sBG';
  const model = report.purchase.model ?? 'bgnbd';
  if (model !== 'bgnbd') return MODEL_LABELS[model];
  return report.purchase.inUse === 'map' ? 'BG/NBD (MAP)' : 'BG/NBD';
}

/** "Using: Apparel shop · 600 customers · fitted BG/NBD" (the model once the fit is in). */
export function inUseLine(meta: InUseMeta, report: Pick<FitReport, 'purchase'> | null): string {
  const who = meta.kind === 'subscription' ? 'subscriber' : 'customer';
  const model = fittedModel(report);
  return [
    `Using: ${meta.name}`,
    plural(meta.customers, who),
    model ? `fitted ${model}` : 'fitting…',
    ...(meta.modelChoice ? [choiceLine(meta.modelChoice)] : [])
  ].join(' · ');
}

/** Days from the first to the last purchase date, or null when the file had no dates. */
export function spanDays(meta: Pick<DatasetMeta, 'firstDate' | 'lastDate' | 'hasDates'>): number | null {
  if (meta.hasDates === false || !meta.firstDate || !meta.lastDate) return null;
  const ms = Date.parse(`${meta.lastDate}T00:00:00Z`) - Date.parse(`${meta.firstDate}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.round(ms / 86_400_000) : null;
}

/**
 * What makes the dataset too thin to trust the numbers (fewer than 50 customers, dates over
 * less than four weeks), as one sentence, or null when neither holds.
 */
export function smallSampleWarning(meta: InUseMeta): string | null {
  const reasons: string[] = [];
  if (meta.customers < SMALL_SAMPLE_CUSTOMERS) reasons.push(`only ${plural(meta.customers, 'customer')}`);
  const days = spanDays(meta);
  if (days !== null && days < SHORT_SPAN_DAYS) reasons.push(`purchases over only ${plural(days + 1, 'day')}`);
  if (!reasons.length) return null;
  return (
    `Thin data: ${reasons.join(' and ')} (at least ${SMALL_SAMPLE_CUSTOMERS} customers over ` +
    `${SHORT_SPAN_DAYS / 7} weeks are needed for a stable fit). Retention and CLV here are rough guesses.`
  );
}

/** Said when a fit fails: the previous baseline stays, and the person is told which one. */
export function fitFailedNote(failed: string, message: string, kept: string | null): string {
  return kept
    ? `Fitting “${failed}” failed (${message}). The workbench still uses “${kept}”.`
    : `Fitting “${failed}” failed (${message}).`;
}

/** Said after the dataset in use was deleted. */
export function deletedInUseNote(deleted: string, next: string | null): string {
  return next
    ? `“${deleted}”, the dataset in use, was deleted: the workbench now uses “${next}”.`
    : `“${deleted}”, the dataset in use, was deleted. No dataset is in use: load sample data or import a file.`;
}

/** Said on opening when the dataset last in use is no longer stored (deleted in another tab). */
export function goneInUseNote(next: string): string {
  return `The dataset last in use is no longer in this browser: the workbench now uses “${next}”.`;
}

/** The question after an import: what changes if the answer is yes, and what stays if no. */
export function useItNowMessage(meta: Pick<DatasetMeta, 'name' | 'customers'>, current: string | null): string {
  const fit = `“${meta.name}” (${plural(meta.customers, 'customer')}) is saved. Use it now? The customer model is fitted to it and every page works on it.`;
  return current ? `${fit} Not now keeps “${current}” in use.` : fit;
}
