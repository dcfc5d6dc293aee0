/**
 * Loader for the Hillstrom (2008) MineThatData e-mail test: 64,000 customers randomised
 * into three arms (Mens E-Mail, Womens E-Mail, No E-Mail) with outcomes in the two weeks
 * after: visit, conversion, spend. Columns: recency, history_segment, history, mens,
 * womens, zip_code, newbie, channel, segment, visit, conversion, spend.
 * Features: recency (months), history (dollars, and log1p of it), mens, womens, newbie
 * (0/1), zip_code, channel, history_segment (categorical).
 */
import type { FeatureTable } from './table.ts';
import type { EncoderSpec } from './encoder.ts';
import { numericColumn, parseCsvColumns } from './csv.ts';

export const HILLSTROM_ARMS = ['Mens E-Mail', 'Womens E-Mail', 'No E-Mail'] as const;
export const HILLSTROM_CONTROL = 'No E-Mail';
export type HillstromOutcome = 'visit' | 'conversion' | 'spend';

export interface HillstromData {
  features: FeatureTable;
  arm: string[];
  visit: Float64Array;
  conversion: Float64Array;
  spend: Float64Array;
}

export const HILLSTROM_FEATURES: EncoderSpec = {
  numeric: ['recency', 'history', 'logHistory', 'mens', 'womens', 'newbie'],
  categorical: ['zip_code', 'channel', 'history_segment']
};

const COLUMNS = [
  'recency',
  'history_segment',
  'history',
  'mens',
  'womens',
  'zip_code',
  'newbie',
  'channel',
  'segment',
  'visit',
  'conversion',
  'spend'
];

export function parseHillstrom(csvText: string): HillstromData {
  const what = 'Hillstrom CSV';
  const csv = parseCsvColumns(csvText, COLUMNS, what);
  const num = (name: string) => numericColumn(csv.column(name), name, what);
  const arm = csv.column('segment');
  arm.forEach((a, i) => {
    if (!(HILLSTROM_ARMS as readonly string[]).includes(a)) {
      throw new Error(`${what}: row ${i + 1} has segment "${a}" (expected one of ${HILLSTROM_ARMS.join(', ')})`);
    }
  });
  const history = num('history');
  return {
    features: {
      length: csv.rows,
      numeric: {
        recency: num('recency'),
        history,
        logHistory: history.map((h) => Math.log1p(h)),
        mens: num('mens'),
        womens: num('womens'),
        newbie: num('newbie')
      },
      categorical: {
        zip_code: csv.column('zip_code'),
        channel: csv.column('channel'),
        history_segment: csv.column('history_segment')
      }
    },
    arm,
    visit: num('visit'),
    conversion: num('conversion'),
    spend: num('spend')
  };
}
