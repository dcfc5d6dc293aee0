/**
 * Issue 15's comparison target: the three-model holdout comparison (BG/NBD, Pareto/NBD, MBG/NBD
 * and Gamma-Gamma on the calibration period, scored on the holdout) of the stored UCI Online
 * Retail dataset (4,339 customers) in the browser within 2 s, at the default split (calibration
 * end two thirds into the span, holdout to the last date). The dataset is imported once (not
 * timed); each timed run uses a fresh fit worker and times FitClient.evaluate from request to
 * answer: reading the transactions from IndexedDB, summarising the split, the four fits, holdout
 * scores, tracking, frequency and P(alive) tables. Then every customer is scored by the proposed
 * model (fitted to the whole period), timed as well.
 */
import type { BrowserBenchmark } from './types';
import { longTaskFigures, watchLongTasks } from './long-tasks';
import { deleteSaved, uciBenchmark, withFitWorker } from './data';

export const uciEvaluateBenchmark: BrowserBenchmark = uciBenchmark(
  {
    id: 'model-evaluate-uci',
    label: 'Three-model holdout comparison of the stored UCI Online Retail dataset (fit worker), default split',
    size: '4,339 customers',
    targetMs: 2000,
    targetStat: 'max'
  },
  async (_ctx, file, importer) => {
    let id: string | null = null;
    const extra: Record<string, number | string> = {};
    const timesMs: number[] = [];
    const watch = watchLongTasks();
    try {
      const imported = await importer.import(file, { name: 'bench-evaluate-uci', returns: 'drop', save: true }).result;
      id = imported.meta.id;
      let answer = null;
      for (let i = 0; i < 3; i++) {
        answer = await withFitWorker(async (worker) => {
          const t0 = performance.now();
          const evaluated = await worker.evaluate(imported.meta.id);
          timesMs.push(performance.now() - t0);
          return evaluated;
        });
      }
      const ev = answer!;
      extra.customers = ev.customers;
      extra.split = `${ev.calibrationEnd} / ${ev.holdoutEnd}`;
      extra.proposed = ev.chosen ?? 'none';
      for (const m of ev.models)
        extra[`${m.model}`] = m.error
          ? `error: ${m.error}`
          : `RMSE ${m.holdout.rmse.toFixed(4)}, predicted ${m.holdout.predicted.toFixed(0)} / actual ${m.holdout.actual}, fit ${Math.round(m.fitMs)} ms`;
      await withFitWorker(async (scorer) => {
        const t0 = performance.now();
        const scores = await scorer.score(imported.meta.id, { model: ev.chosen ?? 'bgnbd', horizonWeeks: 52 });
        extra['score every customer ms'] = Math.round(performance.now() - t0);
        extra['scored customers'] = scores.customers;
      });
      Object.assign(extra, longTaskFigures(watch.stop()));
      return { timesMs: timesMs.sort((a, b) => a - b), extra };
    } finally {
      await deleteSaved(id ? [id] : []);
    }
  }
);
