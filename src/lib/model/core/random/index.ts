export { createRng } from './rng.ts';
export type { Rng } from './rng.ts';
export { splitSeed, splitmix32, mix32, toSeed32 } from './splitmix32.ts';
