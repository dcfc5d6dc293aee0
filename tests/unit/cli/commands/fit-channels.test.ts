import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { createRng } from '$lib/model/core/random/index.ts';
import { simulateAcquisitions, type ChannelTruth } from '$lib/model/scenario/channel-simulate.ts';
import { formatDay, daysFromCivil } from '$lib/data/import/dates.ts';

/*
 * End to end through the CLI on files written from known truth: two channels of different
 * carryover, 104 weeks of flighted spend (long weekly file), the Poisson new customers it causes
 * plus organic ones without a channel; each customer buys again as a BG/NBD customer (Fader,
 * Hardie & Lee 2005: exponential gaps with rate 0.25/week, dropout after each repeat purchase with
 * probability p_c), e-mail customers with p = 0.1 and display customers with p = 0.4.
 */
const TRUTH: ChannelTruth[] = [
  {
    channel: 'display',
    adstockDecay: 0.6,
    hillSlope: 1.5,
    halfSaturation: 9000,
    maxNewCustomers: 60,
    spendPerWeek: 4000
  },
  { channel: 'email', adstockDecay: 0.2, hillSlope: 1, halfSaturation: 1500, maxNewCustomers: 50, spendPerWeek: 1200 }
];
const DROPOUT: Record<string, number> = { display: 0.4, email: 0.1, '': 0.25 };
const START = daysFromCivil(2024, 1, 1);
const WEEKS = 104;
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lever-channels-'));
  const rng = createRng(3);
  const sim = simulateAcquisitions(rng, TRUTH, WEEKS, 20);
  const spend = ['week,channel,spend'];
  const tx = ['customer_id,date,amount,channel'];
  let id = 0;
  const end = START + 7 * WEEKS - 1;
  const customer = (day: number, channel: string) => {
    const name = `c${id++}`;
    tx.push(`${name},${formatDay(day)},${(10 + 20 * rng.uniform()).toFixed(2)},${channel}`);
    let t = day;
    for (;;) {
      t += Math.ceil(rng.exponential(0.25) * 7);
      if (t > end) break;
      tx.push(`${name},${formatDay(t)},${(10 + 20 * rng.uniform()).toFixed(2)},${channel}`);
      if (rng.uniform() < DROPOUT[channel]) break;
    }
  };
  for (let k = 0; k < WEEKS; k++) {
    TRUTH.forEach((c, i) => {
      spend.push(`${formatDay(START + 7 * k)},${c.channel === 'email' ? 'E-mail' : 'Display'},${sim.spend[i][k]}`);
      for (let n = 0; n < sim.newCustomers[i][k]; n++) customer(START + 7 * k + rng.int(7), c.channel);
    });
    for (let n = 0; n < sim.organic[k]; n++) customer(START + 7 * k + rng.int(7), '');
  }
  writeFileSync(join(dir, 'spend.csv'), spend.join('\n'));
  writeFileSync(join(dir, 'short.csv'), spend.slice(0, 1 + 2 * 20).join('\n'));
  writeFileSync(join(dir, 'tx.csv'), tx.join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lever-lab fit --model channels', () => {
  it('fits the response and the BG/NBD of the customers each channel brought (--json)', async () => {
    const { code, out, err } = await runCli(
      'fit',
      join(dir, 'tx.csv'),
      '--model',
      'channels',
      '--spend',
      join(dir, 'spend.csv'),
      '--json'
    );
    expect(err).toMatch(/long weekly spend, 2 channels \(Display, E-mail\)/);
    expect(code, err).toBe(0);
    const o = JSON.parse(out);
    expect(o.mode).toBe('attributed');
    expect(o.weeks).toBe(WEEKS);
    expect(o.converged).toBe(true);
    expect(Math.abs(o.organicPerWeek / 20 - 1)).toBeLessThan(0.15);
    const byName = Object.fromEntries(o.channels.map((c: { channel: string }) => [c.channel, c]));
    for (const t of TRUTH) {
      const c = byName[t.channel];
      for (const key of ['adstockDecay', 'hillSlope', 'halfSaturation', 'maxNewCustomers']) {
        expect(c[key].se, `${t.channel} ${key}`).toBeGreaterThan(0);
      }
      expect(Math.abs(c.adstockDecay.value - t.adstockDecay), t.channel).toBeLessThan(0.1);
      for (const k of ['r', 'alpha', 'a', 'b']) expect(c[k]).toBeGreaterThan(0);
      expect(c.bgnbdEstimate).toBe('fitted');
    }
    // e-mail customers drop out less than display ones: mean dropout a / (a + b)
    const md = (c: { a: number; b: number }) => c.a / (c.a + c.b);
    expect(md(byName.email)).toBeLessThan(md(byName.display));
    expect(byName.email.dropoutMultiplier.value).toBeLessThan(1);
    expect(byName.display.dropoutMultiplier.value).toBeGreaterThan(1);
  }, 60_000);

  it('prints a readable table and refuses a short spend file', async () => {
    const text = await runCli('fit', join(dir, 'tx.csv'), '--model', 'channels', '--spend', join(dir, 'spend.csv'));
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/channels \(attributed\): 104 weeks from 2024-01-01/);
    expect(text.out).toMatch(/email[\s\S]*adstock decay/);
    const short = await runCli('fit', join(dir, 'tx.csv'), '--model', 'channels', '--spend', join(dir, 'short.csv'));
    expect(short.code).not.toBe(0);
    expect(short.err).toMatch(/share 20 full weeks .*at least 26/);
    const none = await runCli('fit', join(dir, 'tx.csv'), '--model', 'channels');
    expect(none.err).toMatch(/needs --spend/);
  }, 60_000);
});
