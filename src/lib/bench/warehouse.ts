/**
 * Issue 20's import target, as a person takes the path: the compressed summary that DuckDB
 * wrote for ten million customers (warehouse-summary-10m, bench/results/warehouse-compressed.parquet)
 * imported through the import worker (every row checked, the groups stored in IndexedDB), then
 * fitted by a fresh fit worker exactly as the workbench asks for it (read from IndexedDB; BG/NBD
 * maximum likelihood and MAP, Gamma-Gamma on the spend groups, the CLV of every group over the
 * default horizon). Target: import plus fit under 2 s (warehouse-import-fit).
 *
 * warehouse-parse-fit keeps the figure reported before: a compressed file built in the page
 * from a seeded BG/NBD draw (grouped as the SQL groups), parsed and fitted on the main thread
 * (BG/NBD and Gamma-Gamma plus the holdout scores), nothing stored.
 */
import type { BrowserBenchmark } from './types';
import { parseCompressedCsv, COMPRESSED_COLUMNS } from '$lib/data/import/compressed-file';
import { evaluateCompressed } from '$lib/pipeline/compressed-evaluation';
import { simulateBgNbd } from '$lib/model/core/btyd/simulate';
import { createRng } from '$lib/model/core/random/rng';
import { ImportClient } from '$lib/workers/import-client';
import { deleteSaved, withFitWorker } from './data';
import { longTaskFigures, watchLongTasks } from './long-tasks';

/** the file bench/node/warehouse-summary.bench.ts writes */
export const WAREHOUSE_FILE = 'warehouse-compressed.parquet';

export const warehouseImportFitBenchmark: BrowserBenchmark = {
  id: 'warehouse-import-fit',
  label: 'DuckDB compressed summary: import (check + store in IndexedDB) + the fit worker’s full fit step',
  size: '10M customers in compressed groups (warehouse-summary-10m’s Parquet)',
  targetMs: 2000,
  targetStat: 'median',
  async run(ctx) {
    const file = new File([await ctx.resultBytes(WAREHOUSE_FILE)], WAREHOUSE_FILE);
    const importer = ImportClient.spawn();
    const ids: string[] = [];
    const timesMs: number[] = [];
    const importMs: number[] = [];
    const fitMs: number[] = [];
    const extra: Record<string, number | string> = {};
    const watch = watchLongTasks();
    try {
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const imported = await importer.import(file, {
          name: `bench-warehouse-${i}`,
          kind: 'compressed',
          returns: 'drop',
          save: true
        }).result;
        ids.push(imported.meta.id);
        const t1 = performance.now();
        // time to each stage of the fit step, from its progress messages
        const stages = new Map<string, number>();
        let stageAt = t1;
        let stage = 'Reading the dataset';
        const answer = await withFitWorker((fitter) =>
          fitter.fit(imported.meta.id, (next) => {
            const now = performance.now();
            stages.set(stage, (stages.get(stage) ?? 0) + now - stageAt);
            stage = next;
            stageAt = now;
          })
        );
        const t2 = performance.now();
        if (i === 2) for (const [name, ms] of stages) extra[`fit: ${name} ms`] = Math.round(ms);
        importMs.push(t1 - t0);
        fitMs.push(t2 - t1);
        timesMs.push(t2 - t0);
        Object.assign(extra, {
          customers: answer.customers,
          groups: imported.meta.grouped?.groups ?? 'n/a',
          spendGroups: imported.meta.grouped?.spendGroups ?? 'n/a',
          estimateInUse: answer.purchase?.inUse ?? 'n/a',
          totalClv: Math.round(answer.clv.totalClv),
          warnings: answer.diagnostics
            .filter((d) => d.level === 'warning')
            .map((d) => d.code)
            .join(' ')
        });
      }
      const median = (v: number[]) => Math.round(v.sort((a, b) => a - b)[1]);
      extra['import median ms'] = median(importMs);
      extra['fit median ms'] = median(fitMs);
      extra.fileMB = (file.size / 2 ** 20).toFixed(2);
      Object.assign(extra, longTaskFigures(watch.stop()));
      return { timesMs: timesMs.sort((a, b) => a - b), extra };
    } finally {
      importer.terminate();
      await deleteSaved(ids);
    }
  }
};

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

export const warehouseParseFitBenchmark: BrowserBenchmark = {
  id: 'warehouse-parse-fit',
  label: 'compressed summary parsed + BG/NBD + Gamma-Gamma fit + holdout scores in the page (nothing stored)',
  size: '10M customers in compressed groups drawn in the page',
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
