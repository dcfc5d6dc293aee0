/**
 * Runs a benchmark task inside a Web Worker (where the app runs its heavy work) and
 * answers with the times; the page only starts and reads it.
 */
import { simulateBgNbd } from '../model/core/btyd/simulate.ts';

export type BenchTask = { id: number; task: 'simulate-bgnbd'; customers: number; repeats: number };
export type BenchReply =
  { id: number; timesMs: number[]; extra: Record<string, number | string> } | { id: number; error: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<BenchTask>) => void) | null;
  postMessage(m: BenchReply): void;
};

scope.onmessage = (e) => {
  const { id, customers, repeats } = e.data;
  try {
    const timesMs: number[] = [];
    let repeaters = 0;
    for (let i = 0; i < repeats + 1; i++) {
      const t0 = performance.now();
      // CDNOW parameters (FHL 2005), 39 weeks of calibration as in the CDNOW studies
      const sim = simulateBgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { customers, T: 39, seed: 100 + i });
      const ms = performance.now() - t0;
      if (i > 0) timesMs.push(ms); // the first run warms the JIT
      repeaters = 0;
      for (let c = 0; c < customers; c++) if (sim.x[c] > 0) repeaters++;
    }
    scope.postMessage({
      id,
      timesMs: timesMs.sort((a, b) => a - b),
      extra: { customers, shareWithRepeats: (repeaters / customers).toFixed(3) }
    });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
