/**
 * The holdout evaluation (src/lib/pipeline/holdout-evaluation.ts) on public data, against numbers
 * derived here without the evaluation's code:
 *
 * CDNOW (../shared/data/cdnow/CDNOW_sample.txt; Fader, Hardie & Lee 2005, "Counting your
 * customers the easy way", Marketing Science 24(2)): calibration to 1997-09-30, holdout to
 * 1998-06-30 (39 weeks).
 *  - the actual holdout total: repeat purchase days in the holdout, counted from the raw lines
 *    with the literature's same-day merge (a few lines of parsing below);
 *  - the BG/NBD holdout total at the published parameters r = 0.243, alpha = 4.414, a = 0.793,
 *    b = 2.426 (FHL 2005 section 5): the sum over the 2,357 customers of FHL 2005 eq. 10,
 *    E[Y(t) | x, t_x, T] = [(a + b + x - 1)/(a - 1)] [1 - ((alpha + T)/(alpha + T + t))^(r + x)
 *    2F1(r + x, b + x; a + b + x - 1; t/(alpha + T + t))] / (1 + [x > 0] a/(b + x - 1)
 *    ((alpha + T)/(alpha + t_x))^(r + x)), written out here with its own 2F1 power series; the
 *    evaluation's own fit (which reproduces the published parameters to 3 decimals) must
 *    forecast the same total within 0.5%. The same function reproduces the paper's
 *    E[Y(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226 as a check of the transcription.
 * Grocery (../shared/data/grocery/groceryElog.csv, Platzer & Reutterer 2016 via BTYDplus): the
 * actual total counted from the raw CSV, and each model's forecast within 30% of it over a
 * holdout of 35 weeks (a check that the forecasts are about right, not tuned).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDataFile } from '$lib/data/read-node.ts';
import type { TransactionTable } from '$lib/data/types.ts';
import { evaluateHoldout, type HoldoutEvaluation } from '$lib/pipeline/holdout-evaluation.ts';
import { dataDir } from '../data-dir.ts';

const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** Gauss 2F1(a, b; c; z) by its power series, |z| < 1. */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 100000; k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
    if (Math.abs(term) < 1e-15 * Math.abs(sum)) break;
  }
  return sum;
}

/** FHL 2005 eq. 10. */
function fhlConditional(x: number, tx: number, T: number, t: number): number {
  const { r, alpha, a, b } = PUBLISHED;
  const ratio = Math.pow((alpha + T) / (alpha + T + t), r + x);
  const num =
    ((a + b + x - 1) / (a - 1)) * (1 - ratio * hyp2f1Series(r + x, b + x, a + b + x - 1, t / (alpha + T + t)));
  const den = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return num / den;
}

const dayNumber = (ymd: string) => Math.round(Date.parse(ymd) / 86_400_000);

/** Per customer, the distinct purchase days: from raw CDNOW lines (id, sample id, YYYYMMDD, cds, dollars). */
function cdnowDays(text: string): Map<string, number[]> {
  const byId = new Map<string, Set<number>>();
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const d = dayNumber(`${f[2].slice(0, 4)}-${f[2].slice(4, 6)}-${f[2].slice(6, 8)}`);
    if (!byId.has(f[0])) byId.set(f[0], new Set());
    byId.get(f[0])!.add(d);
  }
  return new Map([...byId].map(([id, s]) => [id, [...s].sort((u, v) => u - v)]));
}

describe('holdout evaluation on CDNOW (FHL 2005)', () => {
  let result: HoldoutEvaluation;
  let days: Map<string, number[]>;
  const calEnd = dayNumber('1997-09-30');
  const holdEnd = dayNumber('1998-06-30');

  beforeAll(async () => {
    const path = join(dataDir, 'cdnow/CDNOW_sample.txt');
    days = cdnowDays(readFileSync(path, 'utf8'));
    const file = await readDataFile(path);
    if (file.kind !== 'transactions') throw new Error(`CDNOW_sample.txt read as ${file.kind}`);
    result = evaluateHoldout(file.table, { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' });
  }, 120_000);

  it('transcribes FHL eq. 10 right: E[Y(39) | 2, 30.43, 38.86] = 1.226 (FHL 2005 section 5)', () => {
    expect(fhlConditional(2, 30.43, 38.86, 39)).toBeCloseTo(1.226, 3);
  });

  it('counts the actual holdout repeat days of the 2,357 customers as the raw file does', () => {
    let holdout = 0;
    for (const d of days.values()) holdout += d.filter((x) => x > calEnd && x <= holdEnd).length;
    expect(result.customers).toBe(2357);
    expect(result.holdoutWeeks).toBe(39);
    for (const m of result.models) expect(m.holdout.actual).toBe(holdout);
  });

  it('forecasts the BG/NBD holdout total of the published parameters within 0.5%', () => {
    let derived = 0;
    for (const d of days.values()) {
      const cal = d.filter((x) => x <= calEnd);
      derived += fhlConditional(cal.length - 1, (cal[cal.length - 1] - cal[0]) / 7, (calEnd - cal[0]) / 7, 39);
    }
    const bg = result.models.find((m) => m.model === 'bgnbd')!;
    expect(bg.error).toBeNull();
    expect(Math.abs(bg.holdout.predicted - derived) / derived).toBeLessThan(0.005);
  });

  it('fits all three models with finite standard errors and proposes one by holdout RMSE', () => {
    for (const m of result.models) {
      expect(m.error).toBeNull();
      for (const v of Object.values(m.stdErr)) expect(Number.isFinite(v) && v > 0).toBe(true);
    }
    const best = [...result.models].sort((a, b) => a.holdout.rmse - b.holdout.rmse)[0];
    expect(result.chosen).toBe(best.model);
    expect(result.spend?.error).toBeNull();
  });
});

describe('holdout evaluation on the grocery event log (Platzer & Reutterer 2016)', () => {
  let result: HoldoutEvaluation;
  let table: TransactionTable;

  beforeAll(async () => {
    const file = await readDataFile(join(dataDir, 'grocery/groceryElog.csv'));
    if (file.kind !== 'transactions') throw new Error(`groceryElog.csv read as ${file.kind}`);
    table = file.table;
    result = evaluateHoldout(table);
  }, 120_000);

  it('counts the actual holdout repeat days as the raw CSV does, and forecasts within 30%', () => {
    const lines = readFileSync(join(dataDir, 'grocery/groceryElog.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    const byId = new Map<string, Set<number>>();
    for (const line of lines) {
      const [id, date] = line.split(',').map((s) => s.replaceAll('"', '').trim());
      if (!byId.has(id)) byId.set(id, new Set());
      byId.get(id)!.add(dayNumber(date.slice(0, 10)));
    }
    const cal = dayNumber(result.calibrationEnd);
    const hold = dayNumber(result.holdoutEnd);
    let holdout = 0;
    let cohort = 0;
    for (const s of byId.values()) {
      const d = [...s];
      if (Math.min(...d) > cal) continue;
      cohort++;
      holdout += d.filter((x) => x > cal && x <= hold).length;
    }
    expect(result.customers).toBe(cohort);
    expect(result.hasSpend).toBe(false);
    for (const m of result.models) {
      expect(m.error).toBeNull();
      expect(m.holdout.actual).toBe(holdout);
      expect(Math.abs(m.holdout.predicted - holdout) / holdout).toBeLessThan(0.3);
    }
  });
});
