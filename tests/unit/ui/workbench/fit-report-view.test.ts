/**
 * The workbench's view of the fit (ui/workbench/fit-report-view.ts) on a real fit step: a
 * dataset simulated without dropout (the UCI Online Retail situation of issue 13) gives the
 * dropout warning, the MLE and MAP side by side with their priors, and the MAP in use.
 */
import { describe, expect, it } from 'vitest';
import { fitBaseline } from '$lib/pipeline/fit-step';
import type { CustomerSummary } from '$lib/data/types';
import { simulateBgNbd } from '$lib/model/core/btyd/simulate';
import {
  choicesFor,
  estimateInUse,
  estimateRows,
  notesOf,
  warningsOf,
  withError
} from '$lib/ui/workbench/fit-report-view';

function rows(params: { r: number; alpha: number; a: number; b: number }, n: number, seed: number): CustomerSummary[] {
  const s = simulateBgNbd(params, { T: 39, customers: n, seed });
  return Array.from({ length: n }, (_, i) => ({
    id: String(i),
    x: s.x[i],
    tx: s.tx[i],
    T: s.T[i],
    m: s.x[i] > 0 ? 20 + (i % 17) : 0,
    firstSpend: 15 + (i % 11),
    xHoldout: NaN,
    holdoutSpend: 0,
    firstDate: '2024-01-01',
    lastDate: '2024-09-30',
    channel: '',
    segment: '',
    region: '',
    treatment: -1
  }));
}
const META = {
  name: 'nobody leaves',
  kind: 'transactions' as const,
  unit: 'week' as const,
  calibrationEnd: '2024-09-30'
};

describe('the fit report on the workbench', () => {
  const report = fitBaseline(META, rows({ r: 0.7, alpha: 9, a: 1e-6, b: 1e4 }, 1500, 3));

  it('splits warnings from notes and leads with the unidentified dropout', () => {
    expect(warningsOf(report).map((d) => d.code)).toContain('dropout-not-identified');
    expect(notesOf(report).every((d) => d.level === 'note')).toBe(true);
    // the estimate in use has its own line on the panel
    expect(notesOf(report).map((d) => d.code)).not.toContain('estimate-in-use');
    expect(report.diagnostics.map((d) => d.code)).toContain('estimate-in-use');
    expect(estimateInUse(report)).toBe(
      'The baseline uses the MAP fit with weakly-informative priors (automatic: maximum likelihood leaves a parameter unidentified).'
    );
  });

  it('lists both estimates with standard errors and the prior of each quantity', () => {
    const table = estimateRows(report);
    expect(table.map((r) => r.label)).toEqual([
      'r (purchase-rate shape)',
      'α (purchase-rate scale, weeks)',
      'a (dropout)',
      'b (dropout)',
      'mean dropout per purchase, a / (a + b)',
      'dropout concentration, a + b',
      'log-likelihood'
    ]);
    // the MAP is identified by its priors: every estimate has its standard error; the MLE runs
    // along the a -> 0, b -> infinity ridge, where the observed information may or may not
    // come out positive definite (it depends on the last digits of the optimum): a standard
    // error or the explicit "(±?)", never a made-up number
    expect(table[0].map).toMatch(/^0\.\d+ ± 0\.\d+$/);
    expect(table[1].map).toMatch(/^\d+(\.\d+)? ± \d/);
    expect(table[0].mle).toMatch(/^0\.\d+( ± 0\.\d+| \(±\?\))$/);
    expect(table[4].prior).toBe('Beta(1.5, 5)');
    expect(table[5].prior).toBe('Gamma(2, rate 0.25)');
    expect(choicesFor(report).map((c) => c.value)).toEqual(['auto', 'mle', 'map']);
  });

  it('writes a value without a standard error as such', () => {
    expect(withError(0.5, NaN)).toBe('0.5 (±?)');
    expect(withError(3027.6, 145062)).toBe('3,030 ± 145,000');
  });
});
