/**
 * Customer summaries held as columns (the IndexedDB chunks, the sample generator's
 * output): the number fields share their names with CustomerSummary, and one function
 * turns row i of such columns, with its id and strings, back into a summary object.
 */
import type { CustomerSummary } from './types.ts';

/** The fields of a summary in the order files write them (the CSV and JSON exports). */
export const SUMMARY_COLUMNS = [
  'id',
  'x',
  'tx',
  'T',
  'm',
  'firstSpend',
  'xHoldout',
  'holdoutSpend',
  'firstDate',
  'lastDate',
  'channel',
  'segment',
  'region',
  'treatment'
] as const satisfies readonly (keyof CustomerSummary)[];

/** The string fields of a summary besides its id. */
export const SUMMARY_STRING_FIELDS = ['firstDate', 'lastDate', 'channel', 'segment', 'region'] as const;

type NumberField = Exclude<(typeof SUMMARY_COLUMNS)[number], 'id' | (typeof SUMMARY_STRING_FIELDS)[number]>;
const isNumberField = (c: (typeof SUMMARY_COLUMNS)[number]): c is NumberField =>
  c !== 'id' && !(SUMMARY_STRING_FIELDS as readonly string[]).includes(c);

/** The number fields of a summary (x, tx, T, m, firstSpend, xHoldout, holdoutSpend, treatment). */
export const SUMMARY_NUMBER_FIELDS: readonly NumberField[] = SUMMARY_COLUMNS.filter(isNumberField);

export type SummaryNumberColumns = Record<NumberField, ArrayLike<number>>;

/** The summary at row `i` of the number columns, with its id and string fields. */
export function summaryAt(
  columns: SummaryNumberColumns,
  i: number,
  id: string,
  firstDate: string,
  lastDate: string,
  channel: string,
  segment: string,
  region: string
): CustomerSummary {
  return {
    id,
    x: columns.x[i],
    tx: columns.tx[i],
    T: columns.T[i],
    m: columns.m[i],
    firstSpend: columns.firstSpend[i],
    xHoldout: columns.xHoldout[i],
    holdoutSpend: columns.holdoutSpend[i],
    firstDate,
    lastDate,
    channel,
    segment,
    region,
    treatment: columns.treatment[i]
  };
}
