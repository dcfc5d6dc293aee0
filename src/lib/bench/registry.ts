/**
 * Every browser benchmark, in the order `npm run bench` prints them. Each entry is
 * loaded lazily so the /bench page stays light until a benchmark runs.
 */
import type { BrowserBenchmark } from './types';

export const benchmarks: Array<() => Promise<BrowserBenchmark>> = [
  () => import('$lib/data/sample/benchmark').then((m) => m.sampleGenerateBenchmark),
  () => import('$lib/data/sample/benchmark').then((m) => m.sampleSaveBenchmark),
  () => import('./learn').then((m) => m.hillstromTrainingBenchmark)
];
