/**
 * From a stored dataset to the engine's baseline: sample data drawn from known
 * parameters are saved to IndexedDB (fake-indexeddb), fitted by the pipeline the fit
 * worker runs, and the fitted parameters recover the truth.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { openDb, type LeverLabDb, getFits, getDataset, getSummaries } from '$lib/data/db';
import { generateSample } from '$lib/data/sample/generate';
import { saveSample } from '$lib/workers/sample-client';
import { fitDatasetBaseline } from '$lib/pipeline/fit-baseline';
import { fitBaseline, type FittedModels } from '$lib/pipeline/fit-step';
import { fitSbgCensored } from '$lib/model/core/btyd/sbg-censored';
import { createRng } from '$lib/model/core/random/rng';
import type { BgNbdParams, SbgParams } from '$lib/model/core/types';

let db: LeverLabDb;
let name: string;

beforeEach(async () => {
  name = `pipeline-${Math.random().toString(36).slice(2)}`;
  db = await openDb(name);
});

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('fitting a stored dataset', () => {
  it('recovers the music preset’s BG/NBD ground truth (FHL 2005 CDNOW values) within a few standard errors', async () => {
    const sample = generateSample({ preset: 'music', customers: 8000, seed: 7, id: 'music-8k' });
    await saveSample(db, sample);
    const fitted = await fitDatasetBaseline(db, 'music-8k');
    const truth = sample.meta.groundTruth!.bgnbd!;
    const purchase = fitted.fits.find((f) => f.model === 'bgnbd')!;
    const p = purchase.params as BgNbdParams;
    const se = purchase.stdErr as Record<keyof BgNbdParams, number>;
    // the generator merges same-day purchases as the summariser does, so a small bias is expected; 4 SE covers it
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(p[k] - truth[k]), `${k}: fitted ${p[k]} ± ${se[k]} vs truth ${truth[k]}`).toBeLessThan(4 * se[k]);
    }
    expect(fitted.fits.map((f) => f.model).sort()).toEqual(['bgnbd', 'gammagamma']);
    expect(fitted.spec.kind).toBe('noncontractual');
    expect(fitted.customers).toBe(8000);
    // the fits are stored with the dataset
    expect((await getFits(db, 'music-8k')).map((f) => f.model).sort()).toEqual(['bgnbd', 'gammagamma']);
  });

  it('gives a single-cohort dataset (all customers joined in its first 12 weeks) no organic acquisition', async () => {
    const sample = generateSample({ preset: 'music', customers: 2000, seed: 3, id: 'music-2k' });
    await saveSample(db, sample);
    const fitted = await fitDatasetBaseline(db, 'music-2k');
    expect(fitted.spec.organicNewPerWeek).toBe(0);
  });

  it('reuses the fitted models when asked again with another estimate or other CLV terms', async () => {
    const sample = generateSample({ preset: 'music', customers: 1500, seed: 9, id: 'music-1500' });
    await saveSample(db, sample);
    const reuse = new Map<string, FittedModels>();
    const first = await fitDatasetBaseline(db, 'music-1500', {}, reuse);
    const fitted = reuse.get('music-1500')!;
    const again = await fitDatasetBaseline(db, 'music-1500', { estimate: 'map', clv: { horizonWeeks: 156 } }, reuse);
    expect(reuse.get('music-1500')).toBe(fitted);
    expect(again.purchase!.inUse).toBe('map');
    expect(again.purchase!.mle).toEqual(first.purchase!.mle);
    expect(again.clv.horizonWeeks).toBe(156);
    expect(again.clv.totalClv).toBeLessThan(first.clv.totalClv);
    // the fit in use is the one stored with the dataset
    expect((await getFits(db, 'music-1500')).find((f) => f.model === 'bgnbd')!.fit.estimate).toBe('map');
  });

  it('fits a subscription dataset with the sBG and recovers the preset’s (α, β) (Fader & Hardie 2007 regular cohort values)', async () => {
    const sample = generateSample({ preset: 'subscription', customers: 6000, seed: 11, id: 'subs-6k' });
    await saveSample(db, sample);
    const fitted = await fitDatasetBaseline(db, 'subs-6k');
    expect(fitted.spec.kind).toBe('contractual');
    const fit = fitted.fits[0];
    const p = fit.params as SbgParams;
    const se = fit.stdErr as Record<keyof SbgParams, number>;
    const truth = sample.meta.groundTruth!.sbg!;
    expect(Math.abs(p.alpha - truth.alpha)).toBeLessThan(4 * se.alpha);
    expect(Math.abs(p.beta - truth.beta)).toBeLessThan(4 * se.beta);
  });

  it('fits a dataset with customers first seen on the calibration end (T = 0), as every real import has', async () => {
    // UCI Online Retail has such customers; their BG/NBD likelihood is 1 (FHL 2005 eq. 6 at
    // T = 0), so leaving them out of the fit must give exactly the fit without them
    const sample = generateSample({ preset: 'music', customers: 2000, seed: 5, id: 'music-t0' });
    await saveSample(db, sample);
    const meta = (await getDataset(db, 'music-t0'))!;
    const rows = await getSummaries(db, 'music-t0');
    const newcomers = Array.from({ length: 40 }, (_, i) => ({
      ...rows[i],
      id: `new-${i}`,
      x: 0,
      tx: 0,
      T: 0,
      m: 0,
      firstDate: meta.calibrationEnd,
      lastDate: meta.calibrationEnd
    }));
    const without = fitBaseline(meta, rows);
    const withNew = fitBaseline(meta, [...rows, ...newcomers]);
    expect(withNew.fits[0].params).toEqual(without.fits[0].params);
    expect(withNew.clv.customers).toBe(rows.length + 40);
    expect(Number.isFinite(withNew.clv.totalClv)).toBe(true);
    expect(withNew.clv.totalClv).toBeGreaterThan(without.clv.totalClv); // newcomers are worth something
    // only newcomers: nothing to maximise the likelihood over; the prior alone, said out loud
    const only = fitBaseline(meta, newcomers);
    expect(only.purchase!.mle).toBeNull();
    expect(only.purchase!.inUse).toBe('map');
    expect(only.diagnostics.map((d) => d.code)).toContain('no-history');
    expect(Number.isFinite(only.clv.totalClv)).toBe(true);
  });

  it('names the dataset when it does not exist', async () => {
    await expect(fitDatasetBaseline(db, 'nope')).rejects.toThrow('no dataset with id nope');
  });
});

describe('sBG with per-customer censoring', () => {
  it('recovers (α, β) from staggered sign-ups where each subscriber is observed for a different number of periods', () => {
    const truth = { alpha: 0.704, beta: 1.182 }; // Fader & Hardie 2007, regular cohort
    const rng = createRng(2024);
    const periods: number[] = [];
    const subscribed: boolean[] = [];
    for (let i = 0; i < 20_000; i++) {
      const theta = rng.beta(truth.alpha, truth.beta);
      const observed = 1 + rng.int(12); // periods until the observation ends: 1..12
      let k = 1;
      while (k < observed && rng.uniform() >= theta) k++;
      // k periods paid: the loop stopped early because the subscriber churned at renewal k,
      // or reached the end of the observation still subscribed (censored)
      const churned = k < observed;
      periods.push(k);
      subscribed.push(!churned);
    }
    const fit = fitSbgCensored(periods, subscribed);
    expect(Math.abs(fit.params.alpha - truth.alpha)).toBeLessThan(3 * fit.stdErr.alpha);
    expect(Math.abs(fit.params.beta - truth.beta)).toBeLessThan(3 * fit.stdErr.beta);
  });

  it('refuses data in which nobody churned, because the churn rate is then not identified', () => {
    expect(() => fitSbgCensored([1, 2, 3], [true, true, true])).toThrow('nobody churned');
  });
});
