export { lgamma, gammaSign, sinPi } from './lgamma.ts';
export { digamma, trigamma } from './digamma.ts';
export { lbeta } from './lbeta.ts';
export { hyp2f1 } from './hyp2f1.ts';
export { logSumExp, logAddExp } from './logsumexp.ts';
export { log1mexp, logSubExp } from './log1mexp.ts';
export { integrate, integrateToInfinity } from './integrate.ts';
export type { QuadratureOptions, QuadratureResult } from './integrate.ts';
export { normalQuantile } from './normalQuantile.ts';
