/**
 * Every browser benchmark, in the order `npm run bench` prints them. Each entry is
 * loaded lazily so the /bench page stays light until a benchmark runs.
 */
import type { BrowserBenchmark } from './types';

export const benchmarks: Array<() => Promise<BrowserBenchmark>> = [
  () => import('./model').then((m) => m.cdnowFitBenchmark),
  () => import('./model').then((m) => m.simulateMillionBenchmark),
  () => import('$lib/data/sample/benchmark').then((m) => m.sampleGenerateBenchmark),
  () => import('$lib/data/sample/benchmark').then((m) => m.sampleSaveBenchmark),
  () => import('./data').then((m) => m.uciImportBenchmark),
  () => import('$lib/model/engine/benchmark').then((m) => m.engineRecomputeBenchmark),
  () => import('$lib/model/engine/benchmark').then((m) => m.engineBandsBenchmark),
  () => import('./learn').then((m) => m.hillstromTrainingBenchmark)
];
