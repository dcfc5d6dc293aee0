import type { BenchContext } from './types';

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
