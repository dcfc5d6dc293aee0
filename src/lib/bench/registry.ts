/**
 * Every browser benchmark, in the order `npm run bench` prints them. Each entry is
 * loaded lazily so the /bench page stays light until a benchmark runs.
 */
import type { BrowserBenchmark } from './types';

export const benchmarks: Array<() => Promise<BrowserBenchmark>> = [
  () => import('./model').then((m) => m.cdnowFitBenchmark),
  () => import('./model').then((m) => m.cdnowMbgFitBenchmark),
  () => import('./model').then((m) => m.cdnowParetoFitBenchmark),
  () => import('./model').then((m) => m.simulateMillionBenchmark),
  () => import('$lib/bench/sample').then((m) => m.sampleGenerateBenchmark),
  () => import('$lib/bench/sample').then((m) => m.sampleSaveBenchmark),
  () => import('./data').then((m) => m.uciImportBenchmark),
  () => import('./fit').then((m) => m.uciFitBenchmark),
  () => import('./evaluate').then((m) => m.uciEvaluateBenchmark),
  () => import('$lib/bench/engine').then((m) => m.engineRecomputeBenchmark),
  () => import('$lib/bench/engine').then((m) => m.engineBandsBenchmark),
  () => import('./learn').then((m) => m.hillstromTrainingBenchmark),
  () => import('./channels').then((m) => m.channelsFitBenchmark),
  () => import('./warehouse').then((m) => m.warehouseParseFitBenchmark),
  () => import('./warehouse').then((m) => m.warehouseImportFitBenchmark)
];
