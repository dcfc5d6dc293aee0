/** Public API of the model core: special functions, fitting, BTYD models, CLV, seeded randomness. */
export * from './special/index.ts';
export * from './fit/index.ts';
export * from './btyd/index.ts';
export * from './clv.ts';
export * from './quantile.ts';
export * from './distinct.ts';
export * from './random/index.ts';
export type * from './types.ts';
