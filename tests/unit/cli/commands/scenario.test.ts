import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import scenarioCommand from '../../../../src/cli/commands/scenario.ts';
import sensitivityCommand from '../../../../src/cli/commands/sensitivity.ts';
import optimiseCommand from '../../../../src/cli/commands/optimise.ts';
import { UsageError } from '../../../../src/cli/command.ts';
import { reorderLogCov } from '$lib/model/scenario/engine/baseline-from-fit.ts';
import { defaultScenario } from '$lib/model/scenario/scenario.ts';
import type { FitResult } from '$lib/model/core/types.ts';
import { createRng } from '$lib/model/core/random/rng.ts';

const dir = mkdtempSync(join(tmpdir(), 'lever-lab-engine-'));
function scenarioFile(edit: (s: ReturnType<typeof defaultScenario>) => void = () => {}) {
  const s = defaultScenario('cli test');
  s.economics.horizonWeeks = 52;
  s.economics.clvWindowWeeks = 104;
  edit(s);
  const path = join(dir, `s${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(s));
  return path;
}

async function capture(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await run(), out };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

/**
 * A transaction file in which nobody drops out (the UCI Online Retail situation of issue 13):
 * 400 customers buying as Poisson processes, each with a Gamma rate, all year long.
 */
function nobodyLeavesFile(): string {
  const rng = createRng(13);
  const lines = ['customer_id,date,amount'];
  const start = Date.parse('2023-01-02');
  for (let i = 0; i < 400; i++) {
    let day = rng.int(200);
    const rate = rng.gamma(0.8, 8); // purchases a day
    while (day < 365) {
      lines.push(
        `c${i},${new Date(start + day * 86_400_000).toISOString().slice(0, 10)},${(10 + rng.int(90)).toFixed(2)}`
      );
      day += 1 + Math.floor(rng.exponential(rate));
    }
  }
  const path = join(dir, 'nobody-leaves.csv');
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('lever-lab scenario / sensitivity / optimise', () => {
  it('scenario --json prints the outcome with plain arrays, KPIs and bands, and names the CDNOW baseline', async () => {
    const { code, out } = await capture(() =>
      scenarioCommand.run([scenarioFile(), '--draws', '8', '--seed', '3', '--json'])
    );
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.baseline).toContain('Fader, Hardie & Lee 2005');
    expect(r.outcome.series.revenue).toHaveLength(52);
    expect(r.outcome.bands.draws).toBe(8);
    expect(typeof r.outcome.kpis.clvPerNewCustomer).toBe('number');
  });

  it('scenario --data --json fits the file with the app’s fit step and names an unidentified dropout in warnings', async () => {
    const data = nobodyLeavesFile();
    for (const extra of [[], ['--calibration-end', '2023-09-30']]) {
      const { code, out } = await capture(() =>
        scenarioCommand.run([scenarioFile(), '--data', data, ...extra, '--json'])
      );
      expect(code).toBe(0);
      const r = JSON.parse(out);
      for (const v of Object.values(r.outcome.kpis)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
      expect(r.outcome.kpis.retention1y).toBeGreaterThan(0);
      expect(r.outcome.kpis.retention1y).toBeLessThan(1);
      expect(r.diagnostics.map((d: { code: string }) => d.code)).toContain('dropout-not-identified');
      expect(r.warnings.some((w: string) => w.startsWith('dropout-not-identified: Dropout is not identified'))).toBe(
        true
      );
      expect(r.fit.estimateInUse).toBe('map');
      expect(r.fit.mle.params.a / (r.fit.mle.params.a + r.fit.mle.params.b)).toBeLessThan(
        r.fit.map.params.a / (r.fit.map.params.a + r.fit.map.params.b)
      );
      expect(r.baseline).toContain('MAP');
    }
    // the maximum-likelihood fit on request, still warned
    const { out } = await capture(() =>
      scenarioCommand.run([scenarioFile(), '--data', data, '--estimate', 'mle', '--json'])
    );
    const mle = JSON.parse(out);
    expect(mle.fit.estimateInUse).toBe('mle');
    expect(mle.warnings.join(' ')).toMatch(/maximum-likelihood fit, which assumes customers \(almost\) never leave/);
  });

  it('scenario rejects an invalid file with the field in the message', async () => {
    const path = scenarioFile((s) => (s.levers.channels.budgetPerWeek.search = -5));
    await expect(scenarioCommand.run([path])).rejects.toThrow(
      new UsageError(`invalid scenario ${path}:\n  levers.channels.budgetPerWeek.search: -5 (must be >= 0)`)
    );
  });

  it('sensitivity --json ranks rows by swing for the chosen KPI', async () => {
    const { out } = await capture(() => sensitivityCommand.run([scenarioFile(), '--kpi', 'newCustomers', '--json']));
    const r = JSON.parse(out);
    expect(r.kpi).toBe('newCustomers');
    expect(r.rows[0].swing).toBeGreaterThanOrEqual(r.rows[1].swing);
  });

  it('optimise --json spends exactly the budget and beats the equal split', async () => {
    const { out } = await capture(() =>
      optimiseCommand.run([scenarioFile(), '--budget', '4000', '--max', 'stores=1000', '--json'])
    );
    const r = JSON.parse(out);
    const spent = Object.values(r.budgetPerWeek as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(spent).toBeCloseTo(4000, 6);
    expect(r.budgetPerWeek.stores).toBeLessThanOrEqual(1000 + 1e-9);
    expect(r.value).toBeGreaterThanOrEqual(r.equalSplitValue);
  });

  it('optimise without --budget is a usage error', async () => {
    await expect(optimiseCommand.run([scenarioFile()])).rejects.toThrow('missing --budget N');
  });
});

describe('fit covariances reach the engine in its parameter order', () => {
  it('reorders a log-covariance from the fit’s key order', () => {
    // params in order (a, b) with cov [[1, 2], [2, 5]]; the engine asks for (b, a): [[5, 2], [2, 1]]
    const fit = { params: { a: 1, b: 2 }, logCov: [1, 2, 2, 5] } as unknown as FitResult<object>;
    expect(reorderLogCov(fit, ['b', 'a'])).toEqual([5, 2, 2, 1]);
    expect(reorderLogCov(fit, ['b', 'c'])).toBeUndefined();
  });
});
