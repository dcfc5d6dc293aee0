/**
 * Exact refit of the output bias after stochastic training.
 *
 * For the canonical GLM pairs used here (sigmoid output with binary cross-entropy, identity
 * output with squared error) the optimum over the output bias b alone satisfies the score
 * equation sum_i (mu_i(b) - y_i) = 0 on the training rows (McCullagh & Nelder 1989, sec. 2.5:
 * the intercept's estimating equation), i.e. the mean prediction equals the mean target.
 * Mini-batch Adam leaves b a little off that optimum (its step does not shrink with the
 * gradient), which biases every prediction by the same amount. This step solves the
 * equation for b with the other weights fixed: closed form for the identity link, Newton's
 * method on the logit scale for the sigmoid (the equation is monotone in b). It can only
 * lower the training loss (a coordinate-wise exact minimisation).
 */
import type { Tf } from './tf.ts';
import type { LayersModel } from '@tensorflow/tfjs';
import type { OutcomeKind } from './network.ts';

/**
 * Shifts the bias of the model's last layer so that the mean prediction on the training
 * rows equals the mean target; `predicted` are the model's current predictions on those rows.
 * Returns the shift applied (on the logit scale for a binary outcome).
 */
export function refitOutputBias(
  tf: Tf,
  model: LayersModel,
  predicted: ArrayLike<number>,
  target: ArrayLike<number>,
  kind: OutcomeKind
): number {
  const n = predicted.length;
  if (target.length !== n || n === 0)
    throw new RangeError(`refitOutputBias: ${n} predictions and ${target.length} targets`);
  let meanTarget = 0;
  for (let i = 0; i < n; i++) meanTarget += target[i];
  meanTarget /= n;
  let shift = 0;
  if (kind === 'continuous') {
    let meanPredicted = 0;
    for (let i = 0; i < n; i++) meanPredicted += predicted[i];
    shift = meanTarget - meanPredicted / n;
  } else {
    if (meanTarget <= 0 || meanTarget >= 1) return 0; // one class only: no finite optimum
    const logit = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = Math.min(1 - 1e-7, Math.max(1e-7, predicted[i]));
      logit[i] = Math.log(p) - Math.log1p(-p);
    }
    for (let iteration = 0; iteration < 50; iteration++) {
      let residual = 0;
      let slope = 0;
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-(logit[i] + shift)));
        residual += p - target[i];
        slope += p * (1 - p);
      }
      const step = residual / slope;
      shift -= step;
      if (Math.abs(step) < 1e-10) break;
    }
  }
  const last = model.layers[model.layers.length - 1];
  const [kernel, bias] = last.getWeights();
  const newBias = tf.tidy(() => bias.add(tf.scalar(shift)));
  last.setWeights([kernel, newBias]);
  newBias.dispose();
  return shift;
}
