// Subscription contracts through the import worker as the wizard uses it (sniffed as contracts,
// imported with a billing period and an observation end), then the one fit step and the
// scenario engine: the dataset is a subscription dataset whose sBG and plans come from the file.
import { describe, expect, it } from 'vitest';
import { ImportClient } from '$lib/workers/import-client';
import type { SaveDataset } from '$lib/workers/import-handler';
import { inProcessWorker } from './in-process-worker';
import type { CustomerSummary, DatasetMeta, TransactionTable } from '$lib/data/types';
import { fitBaseline } from '$lib/pipeline/fit-step';
import { prepareBaseline } from '$lib/model/scenario/engine/baseline';
import { evaluateScenario } from '$lib/model/scenario/engine/evaluate';
import { neutralScenario } from '$lib/model/scenario/scenario';
import { createRng } from '$lib/model/core/random';

function recording() {
  const saved: { meta: DatasetMeta; table: TransactionTable; customers: CustomerSummary[] }[] = [];
  const save: SaveDataset = async (meta, table, customers) => void saved.push({ meta, table, customers });
  return { client: new ImportClient(inProcessWorker(save)), saved };
}

/** two plans drawn from known sBG churn, Beta(1, 3) and Beta(1, 7) per subscriber, billed monthly */
function contracts(n: number): string {
  const rng = createRng(99);
  const first = Date.UTC(2022, 0, 1);
  const end = Date.UTC(2024, 5, 30);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const lines = ['Customer ID,Start Date,Cancelled At,Plan,Price'];
  for (let i = 0; i < n; i++) {
    const plan = i % 2 ? 'pro' : 'basic';
    const theta = rng.beta(1, plan === 'pro' ? 7 : 3);
    const start = first + rng.int(700) * 86_400_000;
    let k = 1;
    while (rng.uniform() >= theta) k++;
    const cancel = start + Math.floor(((k - 1) * 365.25) / 12 + 1 + rng.uniform() * 28) * 86_400_000;
    lines.push(`S${i},${day(start)},${cancel <= end ? day(cancel) : ''},${plan},${plan === 'pro' ? '$19.99' : '9.99'}`);
  }
  return lines.join('\n') + '\n';
}

describe('import worker: subscription contracts', () => {
  it('is sniffed as contracts, stored as a subscription dataset, and fitted per plan by the fit step', async () => {
    const { client, saved } = recording();
    const text = contracts(3000);
    const sniff = await client.sniff(text, { name: 'subs.csv' });
    expect(sniff.contracts).toBe(true);
    expect(sniff.summary).toBeNull();
    const answer = await client.import(text, {
      name: 'Subscriptions',
      kind: 'contracts',
      unit: 'month',
      calibrationEnd: '2024-06-30'
    }).result;
    expect(answer.meta).toMatchObject({
      kind: 'subscription',
      unit: 'month',
      customers: 3000,
      calibrationEnd: '2024-06-30',
      lastDate: '2024-06-30',
      hasDates: true
    });
    expect(answer.note).toMatch(/^3,000 subscriptions \([\d,]+ active on 2024-06-30\), billed every month, 2 plans$/);
    expect(saved).toHaveLength(1);
    const { meta, table, customers } = saved[0];
    // one stored payment per paid period, of the plan's price ("$19.99" read as 19.99)
    expect(table.length).toBe(customers.reduce((a, c) => a + c.x + 1, 0));
    expect(meta.transactions).toBe(table.length);
    expect(new Set(table.amount)).toEqual(new Set([9.99, 19.99]));

    const fit = fitBaseline(meta, customers);
    expect(fit.spec.kind).toBe('contractual');
    const [sbg] = fit.fits as { params: { alpha: number; beta: number } }[];
    // pooled truth: a 50/50 mix of Beta(1, 3) and Beta(1, 7), mean churn (1/4 + 1/8) / 2
    const mean = sbg.params.alpha / (sbg.params.alpha + sbg.params.beta);
    expect(mean).toBeGreaterThan(0.15);
    expect(mean).toBeLessThan(0.22);
    const byPlan = fit.diagnostics.find((d) => d.code === 'churn-by-plan');
    expect(byPlan?.message).toMatch(/^sBG fitted per plan: basic \(1,500 subscribers\): [\d.]+% churn per month/);
    // each plan's own mean churn near its truth (1/4 and 1/8)
    const rates = [...byPlan!.message.matchAll(/([\d.]+)% churn per month/g)].map((m) => Number(m[1]) / 100);
    expect(rates[0]).toBeCloseTo(0.25, 1);
    expect(rates[1]).toBeCloseTo(0.125, 1);
    const outcome = evaluateScenario(prepareBaseline(fit.spec), neutralScenario());
    expect(outcome.kpis.retention1y!).toBeGreaterThan(0);
    expect(outcome.kpis.retention1y!).toBeLessThan(1);
    expect(Number.isFinite(outcome.kpis.customerEquity)).toBe(true);
  });

  it('refuses a contracts file with a bad row, naming it, and saves nothing', async () => {
    const { client, saved } = recording();
    const text = 'customer_id,start_date,end_date\nA,2023-01-01,2023-03-01\nB,2023-05-01,2023-02-01\n';
    await expect(client.import(text, { name: 'bad', kind: 'contracts', unit: 'month' }).result).rejects.toThrow(
      "line 3, column 'end_date': ends (2023-02-01) before it starts (2023-05-01)"
    );
    expect(saved).toEqual([]);
  });
});
