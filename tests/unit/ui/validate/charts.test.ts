/**
 * The Validate page's chart specs: which charts, in which order, with which export
 * names and chart kind, from the page-load checks (published tables in published-data.ts)
 * and a synthetic CDNOW-format file (seeded BG/NBD simulation, as in cdnow.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ChartCardSpec } from '$lib/charts/chart-card';
import { runContractualValidation } from '$lib/validate/contractual.ts';
import { validateCdnowFile } from '$lib/validate/cdnow-import.ts';
import { cdnowCharts, contractualCharts } from '$lib/ui/validate/charts';
import { syntheticCdnow } from '../../validate/synthetic-cdnow.ts';

const kind = (s: ChartCardSpec) =>
  Object.keys(s).find((k) => ['barChart', 'timeSeries', 'histogram', 'heatmap'].includes(k));

describe('validate chart specs', () => {
  it('shows sBG retention as series and the BG/BB donors as a histogram with the model as overlay', () => {
    const [sbg, bgbb] = contractualCharts(runContractualValidation());
    expect([sbg.filename, bgbb.filename]).toEqual(['validate-sbg-survival', 'validate-bgbb-fit']);
    expect([kind(sbg), kind(bgbb)]).toEqual(['timeSeries', 'histogram']);
    if (!('histogram' in bgbb)) throw new Error('the BG/BB chart is a histogram');
    expect(bgbb.histogram.overlay?.label).toBe('BG/BB expected');
    // 22 (frequency, recency) cells of Fader, Hardie & Shang (2010), Table 1
    expect(bgbb.table.rows).toHaveLength(22);
  });

  it('shows the three CDNOW figures, and leaves out calibration vs holdout when it has no bins', async () => {
    const result = await validateCdnowFile(syntheticCdnow(400, 7).text, () => {});
    const charts = cdnowCharts(result);
    expect(charts.map((c) => c.filename)).toEqual([
      'validate-cdnow-tracking',
      'validate-cdnow-frequency',
      'validate-cdnow-conditional'
    ]);
    expect(charts.map(kind)).toEqual(['timeSeries', 'histogram', 'barChart']);
    // the frequency caption names the last (pooled) bin: 7+ in cdnow.ts
    expect(charts[1].caption).toContain('The last bar, 7, counts customers with 7 or more');
    expect(cdnowCharts({ ...result, conditional: [] }).map((c) => c.filename)).toEqual([
      'validate-cdnow-tracking',
      'validate-cdnow-frequency'
    ]);
  }, 20_000);
});
