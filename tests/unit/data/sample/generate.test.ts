import { describe, expect, it } from 'vitest';
import { generateSample, createSampleRun, toCustomerSummaries, toTransactionTable, PRESETS } from '$lib/data/sample';
import { summarize } from '$lib/data/summarize';
import { hyp2f1 } from '$lib/model/core/special';

/** Mean of a typed array restricted by a mask. */
function mean(values: ArrayLike<number>, keep: (i: number) => boolean = () => true): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (!keep(i)) continue;
    s += values[i];
    n++;
  }
  return s / n;
}

describe('sample generator: determinism and shape', () => {
  it('gives identical data for the same seed, whatever the step size, and different data for another seed', () => {
    const a = generateSample({ preset: 'fashion', customers: 3_000, seed: 7, createdAt: 'x' });
    const run = createSampleRun({ preset: 'fashion', customers: 3_000, seed: 7, createdAt: 'x' });
    while (!run.step(701));
    const b = run.finish();
    expect(b.meta).toEqual(a.meta);
    expect(Array.from(b.columns.txAmount)).toEqual(Array.from(a.columns.txAmount));
    expect(Array.from(b.columns.x)).toEqual(Array.from(a.columns.x));
    const c = generateSample({ preset: 'fashion', customers: 3_000, seed: 8, createdAt: 'x' });
    expect(Array.from(c.columns.txAmount.slice(0, 50))).not.toEqual(Array.from(a.columns.txAmount.slice(0, 50)));
  });

  it('produces summaries equal to what the summariser computes from the generated transactions', () => {
    for (const preset of ['music', 'subscription'] as const) {
      const { meta, columns } = generateSample({ preset, customers: 2_000, seed: 11 });
      const mine = toCustomerSummaries(columns);
      const theirs = summarize(toTransactionTable(columns), {
        calibrationEnd: meta.calibrationEnd,
        holdoutEnd: meta.groundTruth!.holdoutEnd,
        unit: meta.unit
      }).customers;
      const strip = (s: (typeof mine)[number]) => ({
        ...s,
        segment: '',
        region: '',
        treatment: -1,
        m: Math.round(s.m * 1e6)
      });
      expect(theirs.map(strip)).toEqual(mine.map(strip));
    }
  });

  it('stores the ground truth on the dataset metadata', () => {
    const { meta } = generateSample({ preset: 'music', customers: 1_000, seed: 1 });
    expect(meta.source).toBe('sample');
    expect(meta.groundTruth).toMatchObject({
      preset: 'music',
      seed: 1,
      bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      gammagamma: { p: 6.25, q: 3.74, v: 15.44 },
      campaignUplift: { rateMultiplier: 1.15, treatedShare: 0.5, startDate: '1997-10-01' }
    });
    expect(meta.calibrationEnd).toBe('1997-09-30');
  });

  it('rejects sizes outside 1 .. 1,000,000 and unknown presets, saying which value was wrong', () => {
    expect(() => generateSample({ preset: 'music', customers: 0, seed: 1 })).toThrow(/invalid number of customers: 0/);
    expect(() => generateSample({ preset: 'music', customers: 1_000_001, seed: 1 })).toThrow(/1000001/);
    expect(() => generateSample({ preset: 'toys' as 'music', customers: 10, seed: 1 })).toThrow(
      /unknown sample preset: 'toys'/
    );
  });
});

describe('sample generator: moments match the ground truth', () => {
  const n = 40_000;
  const music = generateSample({ preset: 'music', customers: n, seed: 2026 });
  const { r, alpha, a, b } = PRESETS.music.bgnbd!;
  const { p, q, v } = PRESETS.music.gammagamma!;

  it('draws purchase rates with mean r / alpha and dropout probabilities with mean a / (a + b)', () => {
    // Gamma(r, alpha): mean r/alpha, sd sqrt(r)/alpha; 5 standard errors
    const se = Math.sqrt(r) / alpha / Math.sqrt(n);
    expect(Math.abs(mean(music.columns.purchaseRate) - r / alpha)).toBeLessThan(5 * se);
    const mu = a / (a + b);
    const seP = Math.sqrt((mu * (1 - mu)) / (a + b + 1) / n);
    expect(Math.abs(mean(music.columns.dropoutProbability) - mu)).toBeLessThan(5 * seP);
  });

  it('has as many customers without repeat purchases as the BG/NBD closed form P(X(t)=0) = (alpha/(alpha+t))^r predicts', () => {
    // FHL 2005 eq. 8 at x = 0; each customer's exposure runs from its first purchase to the end of calibration
    let expected = 0;
    let observed = 0;
    for (let i = 0; i < n; i++) {
      expected += Math.pow(alpha / (alpha + music.columns.T[i] + 0.5 / 7), r);
      if (music.columns.x[i] === 0) observed++;
    }
    const share = expected / n;
    const se = Math.sqrt((share * (1 - share)) / n);
    expect(Math.abs(observed / n - share)).toBeLessThan(5 * se + 0.003); // +0.003: same-day merging and day rounding
  });

  it('has as many repeat purchases in calibration as the BG/NBD mean E[X(t)] predicts', () => {
    // FHL 2005 eq. 9: E[X(t)] = (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))],
    // evaluated at each customer's exposure (first purchase to the end of the last calibration day)
    const expectedX = new Map<number, number>();
    let expected = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const t = music.columns.T[i] + 0.5 / 7; // first purchases fall uniformly within their day
      let e = expectedX.get(t);
      if (e === undefined) {
        e = ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
        expectedX.set(t, e);
      }
      expected += e;
      sumSq += music.columns.x[i] * music.columns.x[i];
    }
    const observed = mean(music.columns.x);
    const se = Math.sqrt(sumSq / n - observed * observed) / Math.sqrt(n);
    // same-day purchases are merged into one transaction day, so the observed mean can only fall short;
    // at CDNOW rates the merged share is about E[lambda^2] t / 14 ~ 2-3% (measured: 1.045 vs 1.066 at n = 400,000)
    expect(observed).toBeLessThan(expected / n + 3 * se);
    expect(observed).toBeGreaterThan(0.96 * (expected / n) - 5 * se);
  });

  it('has mean repeat spend per customer near the Gamma-Gamma mean p v / (q - 1)', () => {
    // FHL 2005 "RFM and CLV": E[M] = p v / (q - 1) = 35.22 for the CDNOW estimates
    const target = (p * v) / (q - 1);
    const spenders = (i: number) => music.columns.x[i] > 0;
    const observed = mean(music.columns.m, spenders);
    expect(Math.abs(observed - target) / target).toBeLessThan(0.05);
    expect(Math.abs(mean(music.columns.meanSpend) - target) / target).toBeLessThan(0.05);
  });

  it('randomises about half of the customers into the campaign and their holdout purchases rise by at most the true multiplier', () => {
    const treated = mean(music.columns.treatment);
    expect(Math.abs(treated - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / n));
    // E[holdout | lambda, p, alive] = (1 - exp(-c lambda p t)) / p is increasing and concave in c, so the
    // treated / control ratio lies in (1, c] with c = 1.15 (up to sampling noise)
    const t = mean(music.columns.xHoldout, (i) => music.columns.treatment[i] === 1);
    const c = mean(music.columns.xHoldout, (i) => music.columns.treatment[i] === 0);
    expect(t / c).toBeGreaterThan(1.03);
    expect(t / c).toBeLessThan(1.15 + 0.06);
  });

  it('has the treated and control arms alike before the campaign (randomisation)', () => {
    const t = mean(music.columns.x, (i) => music.columns.treatment[i] === 1);
    const c = mean(music.columns.x, (i) => music.columns.treatment[i] === 0);
    expect(Math.abs(t / c - 1)).toBeLessThan(0.06);
  });
});

describe('sample generator: presets', () => {
  it('fashion: six channels in their shares, each with its own dropout and rate quality', () => {
    const n = 30_000;
    const { columns, meta } = generateSample({ preset: 'fashion', customers: n, seed: 5 });
    expect(meta.groundTruth!.channels).toEqual(['search', 'social', 'display', 'email', 'affiliates', 'stores']);
    const { a, b, r, alpha } = PRESETS.fashion.bgnbd!;
    PRESETS.fashion.channels.forEach((ch, k) => {
      const inChannel = (i: number) => columns.channelIndex[i] === k;
      let count = 0;
      for (let i = 0; i < n; i++) if (inChannel(i)) count++;
      expect(Math.abs(count / n - ch.share)).toBeLessThan(5 * Math.sqrt((ch.share * (1 - ch.share)) / n));
      // MODEL.md section 2: dropout mean scales by M, purchase rate mean r / alpha scales by M
      expect(mean(columns.dropoutProbability, inChannel) / ((a / (a + b)) * ch.dropoutMultiplier)).toBeCloseTo(1, 1);
      expect(mean(columns.purchaseRate, inChannel) / ((r / alpha) * ch.rateMultiplier)).toBeCloseTo(1, 1);
    });
    const email = mean(columns.x, (i) => columns.channelIndex[i] === 3);
    const display = mean(columns.x, (i) => columns.channelIndex[i] === 2);
    expect(email).toBeGreaterThan(1.3 * display);
  });

  it('grocery: high purchase frequency, mean rate r / alpha = 0.5 a week', () => {
    const n = 5_000;
    const { columns } = generateSample({ preset: 'grocery', customers: n, seed: 9 });
    const { r, alpha } = PRESETS.grocery.bgnbd!;
    expect(Math.abs(mean(columns.purchaseRate) - r / alpha)).toBeLessThan((5 * Math.sqrt(r)) / alpha / Math.sqrt(n));
    expect(mean(columns.x)).toBeGreaterThan(5);
  });

  it('subscription: control-group survival follows sBG S(t) = prod (beta + i - 1)/(alpha + beta + i - 1)', () => {
    const n = 40_000;
    const { columns, meta } = generateSample({ preset: 'subscription', customers: n, seed: 3 });
    expect(meta.kind).toBe('subscription');
    const { alpha, beta } = PRESETS.subscription.sbg!;
    // payments = first + renewals (calibration + holdout); renewal t is observed for everyone for t <= 20 months
    const control: number[] = [];
    for (let i = 0; i < n; i++) if (columns.treatment[i] === 0) control.push(1 + columns.x[i] + columns.xHoldout[i]);
    let survival = 1;
    for (let t = 1; t <= 12; t++) {
      const alive = control.filter((k) => k > t).length / control.length;
      const aliveBefore = control.filter((k) => k > t - 1).length / control.length;
      survival *= (beta + t - 1) / (alpha + beta + t - 1); // Fader & Hardie 2007 eq. 3
      expect(Math.abs(alive - survival)).toBeLessThan(5 * Math.sqrt((survival * (1 - survival)) / control.length));
      // churn rate at renewal t: alpha / (alpha + beta + t - 1) (Fader & Hardie 2007 eq. 4)
      expect(Math.abs(1 - alive / aliveBefore - alpha / (alpha + beta + t - 1))).toBeLessThan(0.03);
    }
  });

  it('subscription: the campaign multiplies churn at the first holdout renewal by the true 0.8 and leaves calibration alone', () => {
    const n = 100_000;
    const { columns } = generateSample({ preset: 'subscription', customers: n, seed: 4 });
    const isT = (i: number) => columns.treatment[i] === 1;
    const isC = (i: number) => columns.treatment[i] === 0;
    expect(Math.abs(mean(columns.x, isT) / mean(columns.x, isC) - 1)).toBeLessThan(0.03);
    // Subscribers at the end of calibration are alike in both arms (randomised, no effect yet), so the
    // churn rate at their first renewal in the holdout is theta-bar * 0.8 (treated) vs theta-bar (control)
    const churnAtFirstRenewal = (arm: (i: number) => boolean) => {
      let churned = 0;
      let subscribers = 0;
      for (let i = 0; i < n; i++) {
        if (!arm(i) || columns.aliveAtCalibrationEnd[i] !== 1) continue;
        subscribers++;
        if (columns.xHoldout[i] === 0) churned++; // the first holdout renewal falls inside the 12-month holdout
      }
      return churned / subscribers;
    };
    const ratio = churnAtFirstRenewal(isT) / churnAtFirstRenewal(isC);
    expect(Math.abs(ratio - PRESETS.subscription.campaign.churnMultiplier)).toBeLessThan(0.12);
  });
});
