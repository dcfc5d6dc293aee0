/**
 * A seeded, fast generator of customers and their transactions from known parameters.
 *
 * Non-contractual presets (Fader, Hardie & Lee 2005, "Counting your customers the easy
 * way", section 3, assumptions i-v): each customer draws lambda ~ Gamma(r, alpha) and
 * p ~ Beta(a, b); inter-purchase times are Exponential(lambda); after every repeat
 * purchase the customer drops out with probability p (never at the first purchase, so
 * P(X(t) = 0) = (alpha / (alpha + t))^r, FHL 2005 eq. 8 at x = 0). Spend per transaction
 * is Gamma(p, nu) with nu ~ Gamma(q, v) per customer (Fader, Hardie & Lee 2005, "RFM and
 * CLV", section 3). Contractual presets (Fader & Hardie 2007, "How to project customer
 * retention", eqs. 1-3): theta ~ Beta(alpha, beta); after each paid period the customer
 * renews with probability 1 - theta, so S(t) = B(alpha, beta + t) / B(alpha, beta) and the
 * churn rate at renewal t is alpha / (alpha + beta + t - 1).
 *
 * A randomised campaign starts the day after calibration: treated customers' purchase
 * rate is multiplied from that day on (memorylessness of the exponential lets the
 * waiting time restart at the campaign day), or their churn probability at renewals.
 *
 * Time runs in days (continuous for purchases); purchases by one customer on the same
 * day are one transaction (spend and quantity summed), the summariser's convention,
 * so the summaries here equal summarize.ts on the generated table. Customers are drawn
 * one after another from one seeded stream (model/core/random): the same (preset, customers,
 * seed) always gives the same data, whatever the step size. Typed arrays throughout;
 * no object per transaction.
 *
 * Not the model core's btyd/simulate.ts: the generator needs per-customer streaming into growable
 * typed arrays, the campaign switch mid-lifetime and same-day merging, which a model
 * simulator returning per-customer (x, t_x, T) does not provide.
 */
import { createRng, type Rng } from '../../model/core/random/index.ts';
import type { DatasetMeta } from '../types.ts';
import { parseIsoDateOption, formatDay } from '../import/dates.ts';
import { UNIT_DAYS } from '../summarize.ts';
import { PRESETS, scaleBetaMean, type PresetId, type SamplePreset } from './presets.ts';
import type { SampleColumns, SampleResult } from './columns.ts';
import {
  generateSpendHistory,
  sampleSpend,
  ORGANIC_CHANNEL,
  SPEND_HISTORY_WEEKS,
  type SpendHistory
} from './spend-history.ts';

export const MIN_CUSTOMERS = 1;
export const MAX_CUSTOMERS = 1_000_000;
/** guard against runaway memory: 40M rows of 25 bytes = 1 GB */
export const MAX_TRANSACTIONS = 40_000_000;

export interface SampleOptions {
  preset: PresetId | SamplePreset;
  customers: number;
  seed: number;
  /** dataset id; default sample-<preset>-<customers>-<seed> */
  id?: string;
  name?: string;
  /** ISO timestamp for the metadata; default now */
  createdAt?: string;
  /**
   * Two years of weekly media spend with the sample (spend-history.ts): the customers are then
   * acquired over those 104 weeks as the spend caused (first-purchase week and acquisition
   * channel from its simulation, 'organic' for the baseline's), the calibration runs on past
   * the last acquisition by as long as the preset's does past its acquisition window, and the
   * dataset id ends in '-spend'. Default false: the preset's own acquisition window.
   */
  spendHistory?: boolean;
}

export interface SampleRun {
  readonly total: number;
  /** customers generated so far */
  readonly done: number;
  /** generates up to `maxCustomers` more customers; true when all are done */
  step(maxCustomers: number): boolean;
  /** the dataset; call after step() returned true */
  finish(): SampleResult;
}

function cumulative(shares: { share: number; id: string }[], what: string): Float64Array {
  const out = new Float64Array(shares.length);
  let sum = 0;
  shares.forEach((s, i) => {
    if (!(s.share >= 0)) throw new RangeError(`invalid ${what} share for ${s.id}: ${s.share} (must be >= 0)`);
    sum += s.share;
    out[i] = sum;
  });
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`invalid ${what} shares: they sum to ${sum} (must sum to 1)`);
  out[out.length - 1] = 1;
  return out;
}

function pick(cum: Float64Array, u: number): number {
  let i = 0;
  while (i < cum.length - 1 && u >= cum[i]) i++;
  return i;
}

/** Growable typed-array columns for the transactions. */
class TxBuffer {
  length = 0;
  customer: Int32Array;
  day: Int32Array;
  amount: Float64Array;
  quantity: Float64Array;
  channel: Uint8Array;
  constructor(capacity: number) {
    this.customer = new Int32Array(capacity);
    this.day = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
    this.quantity = new Float64Array(capacity);
    this.channel = new Uint8Array(capacity);
  }
  push(customer: number, day: number, amount: number, quantity: number, channel: number): void {
    if (this.length === this.day.length) this.grow();
    const k = this.length++;
    this.customer[k] = customer;
    this.day[k] = day;
    this.amount[k] = amount;
    this.quantity[k] = quantity;
    this.channel[k] = channel;
  }
  private grow(): void {
    const capacity = Math.max(1024, Math.ceil(this.day.length * 1.6));
    if (this.length >= MAX_TRANSACTIONS) {
      throw new RangeError(
        `sample too large: more than ${MAX_TRANSACTIONS.toLocaleString('en')} transactions; choose fewer customers`
      );
    }
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.customer = grow(this.customer, (n) => new Int32Array(n));
    this.day = grow(this.day, (n) => new Int32Array(n));
    this.amount = grow(this.amount, (n) => new Float64Array(n));
    this.quantity = grow(this.quantity, (n) => new Float64Array(n));
    this.channel = grow(this.channel, (n) => new Uint8Array(n));
  }
}

function resolvePreset(preset: PresetId | SamplePreset): SamplePreset {
  if (typeof preset !== 'string') return preset;
  const found = PRESETS[preset];
  if (!found)
    throw new RangeError(
      `unknown sample preset: '${String(preset)}' (choose one of ${Object.keys(PRESETS).join(', ')})`
    );
  return found;
}

const cents = (amount: number): number => Math.max(0.01, Math.round(amount * 100) / 100);

/** The preset's timeline when its customers are acquired over the spend history's weeks. */
function withSpendTimeline(preset: SamplePreset): SamplePreset {
  const acquisitionDays = 7 * SPEND_HISTORY_WEEKS;
  return {
    ...preset,
    acquisitionDays,
    calibrationDays: acquisitionDays + Math.max(0, preset.calibrationDays - preset.acquisitionDays)
  };
}

export function createSampleRun(options: SampleOptions): SampleRun {
  const ownPreset = resolvePreset(options.preset);
  const preset = options.spendHistory ? withSpendTimeline(ownPreset) : ownPreset;
  const n = options.customers;
  if (!Number.isInteger(n) || n < MIN_CUSTOMERS || n > MAX_CUSTOMERS) {
    throw new RangeError(
      `invalid number of customers: ${n} (must be an integer from ${MIN_CUSTOMERS} to ${MAX_CUSTOMERS.toLocaleString('en')})`
    );
  }
  const contractual = preset.kind === 'subscription';
  if (contractual && !preset.sbg)
    throw new RangeError(`invalid preset ${preset.id}: a subscription preset needs sbg parameters`);
  if (!contractual && (!preset.bgnbd || !preset.gammagamma)) {
    throw new RangeError(`invalid preset ${preset.id}: a transactions preset needs bgnbd and gammagamma parameters`);
  }
  if (preset.channels.length > 255 || preset.segments.length > 255 || preset.regions.length > 255) {
    throw new RangeError(`invalid preset ${preset.id}: at most 255 channels, segments and regions`);
  }
  const rng: Rng = createRng(options.seed);
  const unitDays = UNIT_DAYS[preset.unit];
  const startDay = parseIsoDateOption(preset.startDate, 'sample start date');
  const calEnd = startDay + preset.calibrationDays - 1; // inclusive
  const campaignDay = calEnd + 1;
  const holdoutEnd = calEnd + preset.holdoutDays; // inclusive
  const endExclusive = holdoutEnd + 1;
  if (preset.acquisitionDays < 1 || preset.acquisitionDays > preset.calibrationDays) {
    throw new RangeError(
      `invalid acquisition window: ${preset.acquisitionDays} days (must be 1 .. calibration length ${preset.calibrationDays})`
    );
  }

  const channelCum = cumulative(preset.channels, 'channel');
  const history: SpendHistory | null = options.spendHistory ? generateSpendHistory(ownPreset, n, options.seed) : null;
  // the customers no paid channel brought: the pooled population (multipliers 1)
  const channelSpecs = history
    ? [
        ...preset.channels,
        { id: ORGANIC_CHANNEL, share: 0, rateMultiplier: 1, dropoutMultiplier: 1, spendMultiplier: 1 }
      ]
    : preset.channels;
  const segmentCum = cumulative(preset.segments, 'segment');
  const regionCum = cumulative(preset.regions, 'region');
  const { treatedShare, rateMultiplier, churnMultiplier } = preset.campaign;

  // per-channel population parameters (MODEL.md section 2 lever conventions)
  const chAlpha = new Float64Array(channelSpecs.length);
  const chA = new Float64Array(channelSpecs.length);
  const chB = new Float64Array(channelSpecs.length);
  const chV = new Float64Array(channelSpecs.length);
  channelSpecs.forEach((c, k) => {
    if (contractual) {
      const s = scaleBetaMean(preset.sbg!.alpha, preset.sbg!.beta, c.dropoutMultiplier);
      chA[k] = s.a;
      chB[k] = s.b;
    } else {
      const { r: _r, alpha, a, b } = preset.bgnbd!;
      chAlpha[k] = alpha / c.rateMultiplier;
      const s = scaleBetaMean(a, b, c.dropoutMultiplier);
      chA[k] = s.a;
      chB[k] = s.b;
      chV[k] = preset.gammagamma!.v * c.spendMultiplier;
    }
  });

  const cols: SampleColumns = {
    version: 1,
    customers: n,
    idPrefix: preset.idPrefix,
    idWidth: String(n).length,
    channels: channelSpecs.map((c) => c.id),
    segments: preset.segments.map((s) => s.id),
    regions: preset.regions.map((r) => r.id),
    unitDays,
    channelIndex: new Uint8Array(n),
    segmentIndex: new Uint8Array(n),
    regionIndex: new Uint8Array(n),
    treatment: new Uint8Array(n),
    x: new Int32Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    m: new Float64Array(n),
    firstSpend: new Float64Array(n),
    xHoldout: new Int32Array(n),
    holdoutSpend: new Float64Array(n),
    firstDay: new Int32Array(n),
    lastDay: new Int32Array(n),
    purchaseRate: new Float64Array(n),
    dropoutProbability: new Float64Array(n),
    meanSpend: new Float64Array(n),
    aliveAtCalibrationEnd: new Uint8Array(n),
    transactions: 0,
    txCustomer: new Int32Array(0),
    txDay: new Int32Array(0),
    txAmount: new Float64Array(0),
    txQuantity: new Float64Array(0),
    txChannel: new Uint8Array(0)
  };
  const tx = new TxBuffer(Math.min(MAX_TRANSACTIONS, n * 4));
  const extraItems = Math.max(0, preset.itemsPerOrder - 1);
  const quantity = (): number => 1 + (extraItems > 0 ? rng.poisson(extraItems) : 0);
  /** first purchase (continuous day) of customer i: uniform over the acquisition window, or over its spend week */
  const arrival = (i: number): number =>
    history
      ? startDay + 7 * (history.customerWeek[i] + rng.uniform())
      : startDay + rng.uniform() * preset.acquisitionDays;

  /** One BG/NBD + Gamma-Gamma customer; returns whether alive at the end of calibration. */
  function nonContractual(i: number, ch: number, seg: number, treated: boolean): boolean {
    const { r } = preset.bgnbd!;
    const { p: shapeP, q } = preset.gammagamma!;
    const lambda = rng.gamma(r, chAlpha[ch]); // per model period
    const p = rng.beta(chA[ch], chB[ch]);
    const nu = rng.gamma(q, chV[ch] * preset.segments[seg].spendMultiplier);
    cols.purchaseRate[i] = lambda;
    cols.dropoutProbability[i] = p;
    cols.meanSpend[i] = shapeP / nu;
    const ratePerDay = lambda / unitDays;
    let t = arrival(i);
    let lastDay = Math.floor(t);
    tx.push(i, lastDay, cents(rng.gamma(shapeP, nu)), quantity(), ch);
    if (!(ratePerDay > 0)) return true; // a Gamma(r < 1) draw can underflow to 0: never buys again
    const boosted = ratePerDay * rateMultiplier;
    for (;;) {
      let next: number;
      if (treated && t >= campaignDay) next = t + rng.exponential(boosted);
      else {
        next = t + rng.exponential(ratePerDay);
        if (treated && next >= campaignDay && rateMultiplier !== 1) next = campaignDay + rng.exponential(boosted);
      }
      if (!(next < endExclusive)) return true; // alive to the end of the holdout
      t = next;
      const day = Math.floor(t);
      const amount = cents(rng.gamma(shapeP, nu));
      const items = quantity();
      if (day === lastDay) {
        const k = tx.length - 1;
        tx.amount[k] += amount;
        tx.quantity[k] += items;
      } else {
        tx.push(i, day, amount, items, ch);
        lastDay = day;
      }
      if (rng.uniform() < p) return t >= campaignDay; // dropped out after this purchase
    }
  }

  /** One sBG subscriber; returns whether still subscribed at the end of calibration. */
  function contractualCustomer(i: number, ch: number, seg: number, treated: boolean): boolean {
    const theta = rng.beta(chA[ch], chB[ch]);
    const price = preset.segments[seg].pricePerPeriod ?? 0;
    cols.purchaseRate[i] = 1;
    cols.dropoutProbability[i] = theta;
    cols.meanSpend[i] = price;
    const signup = Math.floor(arrival(i));
    for (let k = 0; ; k++) {
      tx.push(i, signup + Math.floor(k * unitDays), price, 1, ch);
      const renewal = signup + Math.floor((k + 1) * unitDays);
      if (renewal > holdoutEnd) return true; // censored: still subscribed at the end
      const churn = treated && renewal >= campaignDay ? Math.min(1, theta * churnMultiplier) : theta;
      if (rng.uniform() < churn) return renewal > calEnd;
    }
  }

  /** Summary of customer i from its rows [from, to) (the summarize.ts conventions). */
  function summarise(i: number, from: number, to: number): void {
    const first = tx.day[from];
    let x = 0;
    let lastCal = first;
    let repeatSpend = 0;
    let xHoldout = 0;
    let holdoutSpend = 0;
    for (let j = from + 1; j < to; j++) {
      const d = tx.day[j];
      if (d <= calEnd) {
        x++;
        lastCal = d;
        repeatSpend += tx.amount[j];
      } else {
        xHoldout++;
        holdoutSpend += tx.amount[j];
      }
    }
    cols.x[i] = x;
    cols.tx[i] = (lastCal - first) / unitDays;
    cols.T[i] = (calEnd - first) / unitDays;
    cols.m[i] = x > 0 ? repeatSpend / x : 0;
    cols.firstSpend[i] = tx.amount[from];
    cols.xHoldout[i] = xHoldout;
    cols.holdoutSpend[i] = holdoutSpend;
    cols.firstDay[i] = first;
    cols.lastDay[i] = tx.day[to - 1];
  }

  let done = 0;
  let finished = false;
  return {
    total: n,
    get done() {
      return done;
    },
    step(maxCustomers: number): boolean {
      const until = Math.min(n, done + Math.max(1, Math.floor(maxCustomers)));
      for (let i = done; i < until; i++) {
        const ch = history ? history.customerChannel[i] : pick(channelCum, rng.uniform());
        const seg = pick(segmentCum, rng.uniform());
        const region = pick(regionCum, rng.uniform());
        const treated = rng.uniform() < treatedShare;
        cols.channelIndex[i] = ch;
        cols.segmentIndex[i] = seg;
        cols.regionIndex[i] = region;
        cols.treatment[i] = treated ? 1 : 0;
        const from = tx.length;
        const alive = contractual ? contractualCustomer(i, ch, seg, treated) : nonContractual(i, ch, seg, treated);
        cols.aliveAtCalibrationEnd[i] = alive ? 1 : 0;
        summarise(i, from, tx.length);
      }
      done = until;
      return done === n;
    },
    finish(): SampleResult {
      if (done !== n) throw new Error(`sample not finished: ${done} of ${n} customers generated`);
      if (!finished) {
        finished = true;
        cols.transactions = tx.length;
        cols.txCustomer = tx.customer.slice(0, tx.length);
        cols.txDay = tx.day.slice(0, tx.length);
        cols.txAmount = tx.amount.slice(0, tx.length);
        cols.txQuantity = tx.quantity.slice(0, tx.length);
        cols.txChannel = tx.channel.slice(0, tx.length);
      }
      let first = Infinity;
      let last = -Infinity;
      for (let i = 0; i < n; i++) {
        if (cols.firstDay[i] < first) first = cols.firstDay[i];
        if (cols.lastDay[i] > last) last = cols.lastDay[i];
      }
      const meta: DatasetMeta = {
        id: options.id ?? `sample-${preset.id}-${n}-${rng.seed}${history ? '-spend' : ''}`,
        name:
          options.name ??
          `${preset.name}, ${n.toLocaleString('en')} customers (seed ${options.seed})${history ? ', with media spend' : ''}`,
        kind: preset.kind,
        source: 'sample',
        createdAt: options.createdAt ?? new Date().toISOString(),
        customers: n,
        transactions: cols.transactions,
        firstDate: formatDay(first),
        lastDate: formatDay(last),
        calibrationEnd: formatDay(calEnd),
        unit: preset.unit,
        groundTruth: {
          preset: preset.id,
          seed: options.seed,
          ...(preset.bgnbd ? { bgnbd: { ...preset.bgnbd } } : {}),
          ...(preset.gammagamma ? { gammagamma: { ...preset.gammagamma } } : {}),
          ...(preset.sbg ? { sbg: { ...preset.sbg } } : {}),
          campaignUplift: { rateMultiplier, treatedShare, churnMultiplier, startDate: formatDay(campaignDay) },
          channels: channelSpecs.map((c) => c.id),
          channelQuality: channelSpecs.map((c) => ({ ...c })),
          segments: preset.segments.map((s) => ({ ...s })),
          holdoutEnd: formatDay(holdoutEnd),
          ...(history
            ? {
                channelResponse: {
                  startDate: history.startDate,
                  weeks: history.weeks,
                  organicPerWeek: history.organicPerWeek,
                  channels: history.truth.map((c) => ({ ...c }))
                }
              }
            : {})
        }
      };
      return history ? { meta, columns: cols, spend: sampleSpend(history) } : { meta, columns: cols };
    }
  };
}

/** Generates the whole sample in one call. */
export function generateSample(options: SampleOptions): SampleResult {
  const run = createSampleRun(options);
  run.step(run.total);
  return run.finish();
}
