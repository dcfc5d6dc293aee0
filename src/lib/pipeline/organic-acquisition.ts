/**
 * New customers per week without paid media, measured from the dataset's own first purchases
 * (the baseline's organicNewPerWeek):
 * - weekly counts of first purchases over the last W weeks of calibration, W = 52 or the
 *   whole span when shorter (at least 4 weeks);
 * - a Poisson regression with a log-linear trend, log E[n_k] = b0 + b1 k (k = week, 0 = the
 *   week ending on the calibration end), fitted by Newton's method (McCullagh & Nelder 1989,
 *   "Generalized linear models", 2nd ed., section 2.5 / IRLS for the log link). The
 *   baseline takes the fitted rate of the last week, e^b0, when the trend is clear
 *   (|b1| > 2 standard errors), and the window's mean rate otherwise: a smoothed current
 *   run-rate, not an extrapolation beyond the data.
 * - no first purchase in the last 26 weeks (or the last half of a shorter span): a single
 *   cohort (CDNOW: everyone joined in 1997's first quarter) or acquisition that stopped, 0;
 * - no first-purchase dates (a lifetimes-layout summary) or no calibration end: 0, said so;
 * - a span under 4 weeks: the mean rate over the span, no trend.
 * Every branch returns a sentence that states what was measured.
 */
export interface OrganicEstimate {
  /** new customers per week for the baseline, >= 0, finite */
  perWeek: number;
  method: 'trend' | 'mean' | 'single-cohort' | 'no-dates' | 'short-span' | 'given';
  /** weeks of first purchases the estimate used (0 when none) */
  windowWeeks: number;
  /** fitted growth of new customers per year, e.g. 0.12 for +12% a year (trend and mean) */
  trendPerYear: number | null;
  /** what was measured, in a sentence for the workbench */
  note: string;
}

const DAY = 86_400_000;
const WINDOW_WEEKS = 52;
const MIN_WINDOW_WEEKS = 4;
const QUIET_WEEKS = 26;

/** Poisson regression of counts on k (k = 0 .. -(n - 1)), log link: [b0, b1] and se(b1). */
export function poissonTrend(counts: readonly number[]): { b0: number; b1: number; se1: number } {
  const n = counts.length;
  const total = counts.reduce((s, c) => s + c, 0);
  let b0 = Math.log(Math.max(total / n, 1e-9));
  let b1 = 0;
  let se1 = Infinity;
  for (let iteration = 0; iteration < 50; iteration++) {
    // score and Fisher information of (b0, b1)
    let s0 = 0;
    let s1 = 0;
    let i00 = 0;
    let i01 = 0;
    let i11 = 0;
    for (let j = 0; j < n; j++) {
      const k = -j;
      const mu = Math.exp(b0 + b1 * k);
      s0 += counts[j] - mu;
      s1 += (counts[j] - mu) * k;
      i00 += mu;
      i01 += mu * k;
      i11 += mu * k * k;
    }
    const det = i00 * i11 - i01 * i01;
    if (!(det > 0)) break;
    const d0 = (i11 * s0 - i01 * s1) / det;
    const d1 = (i00 * s1 - i01 * s0) / det;
    // a damped step keeps the first iterations of a steep trend inside exp's range
    const scale = Math.min(1, 2 / Math.max(Math.abs(d0), Math.abs(d1) * n, 1e-300));
    b0 += d0 * scale;
    b1 += d1 * scale;
    se1 = Math.sqrt(i00 / det);
    if (Math.abs(d0) < 1e-10 && Math.abs(d1) * n < 1e-10) break;
  }
  return { b0, b1, se1 };
}

const fmt = (v: number) => (v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(2));
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * @param calibrationEnd inclusive, YYYY-MM-DD ('' when unknown)
 * @param firstDates each customer's first purchase, YYYY-MM-DD ('' when unknown)
 * @param weights customers behind each first date (the groups of a compressed summary: the
 *   first-purchase week counts are the groups' customers summed by week); absent: one each
 */
export function measureOrganicAcquisition(
  calibrationEnd: string,
  firstDates: readonly string[],
  weights?: ArrayLike<number>
): OrganicEstimate {
  const end = Date.parse(calibrationEnd);
  // first dates repeat (a few thousand days among up to millions of customers): each parsed once
  const parsed = new Map<string, number>();
  const days = firstDates.map((d) => {
    if (!d) return NaN;
    let day = parsed.get(d);
    if (day === undefined) parsed.set(d, (day = Date.parse(d)));
    return day;
  });
  const keptAt: number[] = [];
  days.forEach((d, i) => {
    if (Number.isFinite(d) && d <= end) keptAt.push(i);
  });
  const dated = keptAt.map((i) => days[i]);
  const weight = keptAt.map((i) => (weights ? weights[i] : 1));
  let datedCustomers = 0;
  for (const w of weight) datedCustomers += w;
  if (!Number.isFinite(end) || dated.length === 0) {
    return {
      perWeek: 0,
      method: 'no-dates',
      windowWeeks: 0,
      trendPerYear: null,
      note:
        'No organic acquisition is assumed: the file carries no first-purchase dates' +
        (Number.isFinite(end) ? '' : ' or calibration end') +
        ', so new customers per week cannot be measured.'
    };
  }
  // a loop, not Math.min(...dated): 100,000 arguments overflow a worker's stack in Chromium
  let first = Infinity;
  for (const d of dated) if (d < first) first = d;
  const spanDays = Math.round((end - first) / DAY) + 1;
  const spanWeeks = spanDays / 7;
  if (spanWeeks < MIN_WINDOW_WEEKS) {
    const perWeek = datedCustomers / spanWeeks;
    return {
      perWeek,
      method: 'short-span',
      windowWeeks: spanWeeks,
      trendPerYear: null,
      note: `Organic acquisition ${fmt(perWeek)} new customers a week: the ${plural(datedCustomers, 'first purchase')} over the ${plural(spanDays, 'day')} of data, too short for a trend.`
    };
  }
  const windowWeeks = Math.min(WINDOW_WEEKS, Math.floor(spanWeeks));
  const counts = new Array<number>(windowWeeks).fill(0);
  dated.forEach((d, i) => {
    const week = Math.floor(Math.round((end - d) / DAY) / 7);
    if (week < windowWeeks) counts[week] += weight[i];
  });
  const quiet = Math.min(QUIET_WEEKS, Math.floor(spanWeeks / 2));
  if (counts.slice(0, quiet).every((c) => c === 0)) {
    return {
      perWeek: 0,
      method: 'single-cohort',
      windowWeeks,
      trendPerYear: null,
      note: `No organic acquisition is assumed: nobody bought for the first time in the last ${plural(quiet, 'week')} of calibration (a single cohort, or acquisition that stopped).`
    };
  }
  const total = counts.reduce((s, c) => s + c, 0);
  const mean = total / windowWeeks;
  const { b0, b1, se1 } = poissonTrend(counts);
  const trendPerYear = Math.expm1(52 * b1);
  const clear = Number.isFinite(se1) && Math.abs(b1) > 2 * se1 && Number.isFinite(b0);
  const perWeek = clear ? Math.exp(b0) : mean;
  const growth = `${trendPerYear >= 0 ? '+' : ''}${(trendPerYear * 100).toFixed(0)}% a year`;
  return {
    perWeek,
    method: clear ? 'trend' : 'mean',
    windowWeeks,
    trendPerYear,
    note: clear
      ? `Organic acquisition ${fmt(perWeek)} new customers a week: the current level of a log-linear (Poisson) trend of first purchases over the last ${plural(windowWeeks, 'week')} (${growth}; ${plural(total, 'new customer')} in the window).`
      : `Organic acquisition ${fmt(perWeek)} new customers a week: the mean over the last ${plural(windowWeeks, 'week')} of first purchases (${plural(total, 'new customer')}; the fitted trend, ${growth}, is within two standard errors of none).`
  };
}
