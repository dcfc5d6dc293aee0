/**
 * The charts of the Validate page as ChartCard specs: the CDNOW fit figures of Fader,
 * Hardie & Lee (2005) and the sBG and BG/BB checks of Fader & Hardie (2007) and Fader,
 * Hardie & Shang (2010), each actual vs the fitted model.
 */
import type { ChartCardSpec } from '$lib/charts/chart-card';
import type { CdnowValidation } from '$lib/validate/cdnow';
import type { ContractualValidation } from '$lib/validate/contractual';
import {
  bgbbCellTable,
  conditionalBars,
  conditionalTable,
  donorFrequency,
  frequencyDistributions,
  frequencyTable,
  sbgSeries,
  sbgTable,
  trackingSeries,
  trackingTable
} from '$lib/validate/chart-data';

/** Tracking (Figure 2), the calibration frequency (Figure 1) and, when any, calibration vs holdout (Figure 4). */
export function cdnowCharts(result: CdnowValidation): ChartCardSpec[] {
  const lastBin = result.frequency.at(-1)?.x ?? 7;
  const charts: ChartCardSpec[] = [
    {
      title: 'Tracking: cumulative repeat transactions',
      description:
        'Cumulative repeat transactions of the cohort by week, actual vs expected under the fitted BG/NBD and Pareto/NBD.',
      caption: `Weeks 1–${result.calibrationWeeks} are the calibration period (to 1997-09-30), the rest the holdout; the models were fitted to calibration data only (Fader, Hardie & Lee 2005, Figure 2).`,
      table: trackingTable(result.tracking, result.calibrationWeeks),
      filename: 'validate-cdnow-tracking',
      timeSeries: { series: trackingSeries(result.tracking), xLabel: 'Week', yLabel: 'Cumulative repeat transactions' }
    },
    {
      title: 'Calibration frequency: actual vs expected',
      description:
        'Customers by number of repeat transactions in the calibration period: actual (bars) and expected under the fitted BG/NBD (outline).',
      caption: `The last bar, ${lastBin}, counts customers with ${lastBin} or more repeat transactions. Expected counts sum P(X(T) = n) over customers, each with their own T (Fader, Hardie & Lee 2005, Figure 1).`,
      table: frequencyTable(result.frequency),
      filename: 'validate-cdnow-frequency',
      histogram: { ...frequencyDistributions(result.frequency), xLabel: 'Repeat transactions in calibration' }
    }
  ];
  if (result.conditional.length > 0)
    charts.push({
      title: 'Calibration vs holdout',
      description:
        'Mean number of transactions in the holdout period by number of repeat transactions in calibration: actual vs the BG/NBD conditional expectation.',
      caption: `Holdout: ${result.holdoutWeeks.toFixed(0)} weeks. The last group, ${lastBin}+, pools customers with ${lastBin} or more repeat transactions (Fader, Hardie & Lee 2005, Figure 4).`,
      table: conditionalTable(result.conditional),
      filename: 'validate-cdnow-conditional',
      barChart: {
        bars: conditionalBars(result.conditional),
        baselineName: 'Actual',
        scenarioName: 'BG/NBD expected',
        categoryLabel: 'Repeat transactions in calibration',
        valueLabel: 'Mean holdout transactions'
      }
    });
  return charts;
}

/** sBG retention of the two cohorts (Figure 4 of Fader & Hardie 2007) and the BG/BB donors by repeat donations. */
export function contractualCharts(result: ContractualValidation): ChartCardSpec[] {
  return [
    {
      title: 'sBG retention: actual vs fitted',
      description:
        'Percentage of each cohort of 1,000 customers still active by year: actual (Fader & Hardie 2007, Table 1) and the sBG curve fitted to years 1 to 7, projected to year 13.',
      caption:
        'Years 0–7 are the calibration data; years 8–12 are the holdout the projection is judged against (Fader & Hardie 2007, Figure 4).',
      table: sbgTable(result.sbg),
      filename: 'validate-sbg-survival',
      timeSeries: { series: sbgSeries(result.sbg), xLabel: 'Year', yLabel: '% still active' }
    },
    {
      title: 'BG/BB: donors by repeat donations',
      description:
        'Donors of the 1995 cohort by number of repeat donations in 1996–2001: actual (bars) and expected under the fitted BG/BB (outline).',
      caption:
        'The table lists the 22 (frequency, recency) cells of Fader, Hardie & Shang (2010), Table 1, with the donors the fitted BG/BB expects in each.',
      table: bgbbCellTable(result.bgbb.cells),
      filename: 'validate-bgbb-fit',
      histogram: {
        ...frequencyDistributions(donorFrequency(result.bgbb.cells), 'BG/BB'),
        xLabel: 'Repeat donations',
        yLabel: 'Donors'
      }
    }
  ];
}
