/**
 * Calibration (reliability) table: predicted probabilities ranked and cut into equal-count
 * bins (deciles by default); per bin the mean predicted probability against the observed
 * positive rate (DeGroot & Fienberg 1983; Niculescu-Mizil & Caruana 2005), plus the Brier
 * score and the log loss of the predictions.
 */
import { ascendingOrder } from './auc.ts';
import { equalCountBins } from './bins.ts';

export interface CalibrationBin {
  /** 1 = lowest predicted probabilities */
  bin: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

export interface Calibration {
  bins: CalibrationBin[];
  /** mean squared error of the probabilities (Brier 1950) */
  brier: number;
  /** mean negative log-likelihood, probabilities clipped to [1e-12, 1 - 1e-12] */
  logLoss: number;
}

export function calibration(predicted: ArrayLike<number>, labels: ArrayLike<number>, binCount = 10): Calibration {
  const n = predicted.length;
  if (labels.length !== n) throw new RangeError(`calibration: ${n} predictions but ${labels.length} labels`);
  const ranges = equalCountBins(n, binCount, 'calibration');
  const order = ascendingOrder(predicted);
  const bins: CalibrationBin[] = [];
  for (const [b, [start, end]] of ranges.entries()) {
    let sumP = 0;
    let sumY = 0;
    for (let k = start; k < end; k++) {
      sumP += predicted[order[k]];
      sumY += labels[order[k]];
    }
    const count = end - start;
    bins.push({ bin: b + 1, count, meanPredicted: sumP / count, observedRate: sumY / count });
  }
  let brier = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, predicted[i]));
    const y = labels[i];
    brier += (predicted[i] - y) ** 2;
    logLoss -= y === 1 ? Math.log(p) : Math.log1p(-p);
  }
  return { bins, brier: brier / n, logLoss: logLoss / n };
}
