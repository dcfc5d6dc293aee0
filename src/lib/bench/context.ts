import type { BenchContext } from './types';

/** Functions `npm run bench` exposes to the page (scripts/bench.js). */
interface BenchHooks {
  __benchMemoryStart?: () => Promise<number>;
  __benchMemoryStop?: () => Promise<number>;
}

export const benchContext: BenchContext = {
  async dataText(path) {
    const res = await fetch(`/bench-data/${path}`);
    if (!res.ok)
      throw new Error(`bench data ${path}: HTTP ${res.status} (run through \`npm run bench\`, which mounts DATA_DIR)`);
    return res.text();
  },
  async dataBytes(path) {
    const res = await fetch(`/bench-data/${path}`);
    if (!res.ok) throw new Error(`bench data ${path}: HTTP ${res.status}`);
    return res.arrayBuffer();
  },
  async resultBytes(path) {
    const res = await fetch(`/bench-results/${path}`);
    if (!res.ok)
      throw new Error(
        `bench result ${path}: HTTP ${res.status} (written by the Node benchmarks of \`npm run bench\`; run it without a filter, or with one that includes them)`
      );
    return res.arrayBuffer();
  },
  memory: {
    async start() {
      return (await (window as unknown as BenchHooks).__benchMemoryStart?.()) ?? null;
    },
    async stop() {
      return (await (window as unknown as BenchHooks).__benchMemoryStop?.()) ?? null;
    }
  },
  async time(fn, repeats, warmup = 2) {
    for (let i = 0; i < warmup; i++) await fn();
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  }
};
