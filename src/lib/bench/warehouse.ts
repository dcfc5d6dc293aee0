/**
 * warehouse-import-fit: a compressed summary of ten million customers (sql/compressed.*.sql
 * layout, about 170,000 group rows, the size the DuckDB run of warehouse-summary-10m writes)
 * read from CSV text and fitted in the browser: BG/NBD and Gamma-Gamma, the app's default
 * models, plus the holdout scores. Target: import plus fit under 2 s. The CSV is built in the
 * page from a seeded BG/NBD draw (no DuckDB in the browser), grouped as the SQL groups.
 */
import type { BrowserBenchmark } from './types';
import { parseCompressedCsv, COMPRESSED_COLUMNS } from '$lib/data/import/compressed-file';
import { evaluateCompressed } from '$lib/pipeline/compressed-evaluation';
import { simulateBgNbd } from '$lib/model/core/btyd/simulate';
import { createRng } from '$lib/model/core/random/rng';

/** Groups of `base` drawn customers, each standing for `scale` customers, as compressed CSV. */
function compressedCsv(base: number, scale: number): string {
  const rng = createRng(10);
  const T = Float64Array.from({ length: base }, () => 1 + rng.int(364));
  const sim = simulateBgNbd({ r: 0.8, alpha: 90, a: 0.6, b: 2.5 }, { customers: base, seed: 3, T, holdout: 182 });
  const groups = new Map<string, number>();
  const spend = new Map<string, number>();
  for (let i = 0; i < base; i++) {
    const x = sim.x[i];
    const tx = x > 0 ? Math.min(T[i], Math.floor(sim.tx[i])) : 0;
    const key = `${i % 12}|${x}|${tx}|${T[i]}|${sim.xHoldout[i]}`;
    groups.set(key, (groups.get(key) ?? 0) + scale);
    if (x > 0) {
      const m = (2.5 * (2 + rng.int(40)) * (1 + rng.int(8))) / 4;
      const sk = `${i % 12}|${x}|${m}`;
      spend.set(sk, (spend.get(sk) ?? 0) + scale);
    }
  }
  const lines = [COMPRESSED_COLUMNS.join(',')];
  const split = '2023-12-31,2024-06-29';
  for (const [key, n] of groups) {
    const [seg, x, tx, TT, xh] = key.split('|');
    lines.push(`rfm,s${Number(seg) % 3},c${Number(seg) % 4},${x},${tx},${TT},${xh},,${n},0,0,,,${split}`);
  }
  for (const [key, n] of spend) {
    const [seg, x, m] = key.split('|');
    lines.push(`spend,s${Number(seg) % 3},c${Number(seg) % 4},${x},,,,${m},${n},,,,,${split}`);
  }
  return lines.join('\n') + '\n';
}

export const warehouseImportFitBenchmark: BrowserBenchmark = {
  id: 'warehouse-import-fit',
  label: 'compressed summary import + BG/NBD + Gamma-Gamma fit + holdout scores',
  size: '10M customers in compressed groups',
  targetMs: 2000,
  targetStat: 'median',
  async run(ctx) {
    const text = compressedCsv(400_000, 25);
    let rows = 0;
    let triples = 0;
    const timesMs = await ctx.time(
      () => {
        const file = parseCompressedCsv(text);
        rows = file.groups.length + file.spend.length;
        triples = evaluateCompressed(file, { models: ['bgnbd'] }).triples;
      },
      3,
      1
    );
    return { timesMs, extra: { rows, triples, csvMB: (text.length / 2 ** 20).toFixed(1) } };
  }
};
