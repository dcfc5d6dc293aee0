/**
 * Loader for the IBM Telco customer churn sample (7,043 customers, 21 columns). The 11
 * blank TotalCharges (customers with tenure 0) become NaN, which the encoder imputes with
 * the training mean. Label: Churn = "Yes" -> 1.
 */
import type { FeatureTable } from './table.ts';
import type { EncoderSpec } from './encoder.ts';
import { numericColumn, parseCsvColumns } from './csv.ts';

export interface TelcoData {
  customerId: string[];
  features: FeatureTable;
  churn: Float64Array;
}

const CATEGORICAL = [
  'gender',
  'Partner',
  'Dependents',
  'PhoneService',
  'MultipleLines',
  'InternetService',
  'OnlineSecurity',
  'OnlineBackup',
  'DeviceProtection',
  'TechSupport',
  'StreamingTV',
  'StreamingMovies',
  'Contract',
  'PaperlessBilling',
  'PaymentMethod'
];
const NUMERIC = ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges'];

export const TELCO_FEATURES: EncoderSpec = { numeric: NUMERIC, categorical: CATEGORICAL };

export function parseTelco(csvText: string): TelcoData {
  const what = 'Telco CSV';
  const csv = parseCsvColumns(csvText, ['customerID', ...NUMERIC, ...CATEGORICAL, 'Churn'], what);
  const numeric: Record<string, Float64Array> = {};
  for (const name of NUMERIC) numeric[name] = numericColumn(csv.column(name), name, what, name === 'TotalCharges');
  const categorical: Record<string, string[]> = {};
  for (const name of CATEGORICAL) categorical[name] = csv.column(name);
  const churn = Float64Array.from(csv.column('Churn'), (v, i) => {
    if (v === 'Yes') return 1;
    if (v === 'No') return 0;
    throw new Error(`${what}: row ${i + 1} has Churn "${v}" (expected Yes or No)`);
  });
  return { customerId: csv.column('customerID'), features: { length: csv.rows, numeric, categorical }, churn };
}
