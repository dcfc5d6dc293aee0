import { describe, expect, it } from 'vitest';
import { ImportClient, ImportWorkerError } from '$lib/workers/import-client';
import { inProcessWorker } from './in-process-worker';
import { openDb } from '$lib/data/db/database';
import { getDataset, getSummaries, getTransactions, saveDataset } from '$lib/data/db/datasets';

const csv = 'customer,date,amount\nA,2011-01-01,10\nA,2011-01-08,20\nB,2011-01-05,5\nC,bad,1\nD,2011-01-09,2\n';

describe('import worker client', () => {
  it('sniffs a file and proposes a column mapping', async () => {
    const client = new ImportClient(inProcessWorker(async () => {}));
    const answer = await client.sniff(csv);
    expect(answer.sniffed).toMatchObject({ delimiter: ',', hasHeader: true });
    expect(answer.guess.mapping).toMatchObject({ customerId: 0, date: 1, amount: 2 });
  });

  it('imports, summarises and saves once, reporting progress, counts and rejects', async () => {
    const saves: { meta: unknown; rows: number; customers: number }[] = [];
    const client = new ImportClient(
      inProcessWorker(async (meta, table, customers) => {
        saves.push({ meta, rows: table.length, customers: customers.length });
      })
    );
    const stages: string[] = [];
    const { result } = client.import(csv, { name: 'shop', calibrationEnd: '2011-01-08' }, (p) => stages.push(p.stage));
    const answer = await result;
    expect(answer.meta).toMatchObject({
      id: 'dataset-1',
      name: 'shop',
      kind: 'transactions',
      source: 'import',
      customers: 2,
      transactions: 4
    });
    expect(answer.rejects).toEqual([{ line: 5, reason: "invalid date 'bad' (expected YYYY-MM-DD)", text: 'C,bad,1' }]);
    expect(answer.saved).toBe(true);
    expect(saves).toHaveLength(1);
    expect(saves[0]).toMatchObject({ rows: 4, customers: 2 }); // D first buys after the calibration end
    expect(stages).toContain('parse');
    expect(stages.at(-1)).toBe('save');
  });

  it('returns worker errors as rejected promises with the reason', async () => {
    const client = new ImportClient(inProcessWorker(async () => {}));
    const { result } = client.import('customer,date\nA,01/02/2011\nB,03/04/2011\n', { name: 'x', save: false });
    await expect(result).rejects.toBeInstanceOf(ImportWorkerError);
    await expect(result).rejects.toThrow(/ambiguous date format/);
  });

  it("imports a per-customer summary CSV as a 'summary' dataset without transactions", async () => {
    const saved: number[] = [];
    const client = new ImportClient(
      inProcessWorker(async (_meta, table, customers) => void saved.push(table.length, customers.length))
    );
    const text =
      'customer_id,x,t_x,T,m,first_date,last_date\nA,2,3,10,5,2011-01-01,2011-01-22\nB,0,0,8,0,2011-01-15,2011-01-15\n';
    const answer = await client.import(text, { name: 'sql', kind: 'summary', calibrationEnd: '2011-03-11' }).result;
    expect(answer.meta).toMatchObject({
      kind: 'summary',
      customers: 2,
      transactions: 4,
      firstDate: '2011-01-01',
      lastDate: '2011-01-22',
      hasDates: true
    });
    expect(answer.layout).toBe('lever-lab');
    expect(saved).toEqual([0, 2]);
  });

  it('refuses a summary with a row that cannot be a customer, naming its line and column, and saves nothing', async () => {
    const saved: number[] = [];
    const client = new ImportClient(inProcessWorker(async (_m, _t, customers) => void saved.push(customers.length)));
    const text = 'customer_id,frequency,recency,T,monetary_value\nA,2,3,10,5\nB,0,0,8,0\nC,1,-2,4,3\nD,1,9,4,3\n';
    const job = client.import(text, { name: 'lifetimes', kind: 'summary', unit: 'day' }).result;
    await expect(job).rejects.toThrow(
      "2 rows of the summary cannot be customers, so nothing was imported: line 4, column 'recency': -2 is negative (ages are measured from the first purchase); line 5, column 'recency': 9 is greater than 'T' (4): the last purchase cannot come after the end of the observation"
    );
    expect(saved).toEqual([]);
  });

  it('cancels a running import by id', async () => {
    const client = new ImportClient(inProcessWorker(async () => {}));
    const rows = ['customer,date,amount'];
    for (let i = 0; i < 200_000; i++) rows.push(`c${i % 500},2011-01-${String(1 + (i % 28)).padStart(2, '0')},1`);
    let cancelled = false;
    const job = client.import(rows.join('\n'), { name: 'big', save: false }, () => {
      if (!cancelled) {
        cancelled = true;
        client.cancel(job.id);
      }
    });
    await expect(job.result).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('the worker with the real data layer', () => {
  it('saves the imported dataset atomically through saveDataset and reads it back', async () => {
    const db = await openDb(`import-worker-${Math.random()}`);
    const client = new ImportClient(
      inProcessWorker(async (meta, table, customers) => void (await saveDataset(db, meta, table, customers)))
    );
    const answer = await client.import(csv, { name: 'shop', calibrationEnd: '2011-01-08' }).result;
    expect(answer.saved).toBe(true);
    expect(await getDataset(db, 'dataset-1')).toMatchObject({ name: 'shop', customers: 2, transactions: 4 });
    expect((await getSummaries(db, 'dataset-1')).map((c) => [c.id, c.x]).sort()).toEqual([
      ['A', 1],
      ['B', 0]
    ]);
    expect((await getTransactions(db, 'dataset-1')).length).toBe(4);
    db.close();
  });

  it('saves a summary-only dataset with no transaction chunks', async () => {
    const db = await openDb(`import-worker-${Math.random()}`);
    const client = new ImportClient(
      inProcessWorker(async (meta, table, customers) => void (await saveDataset(db, meta, table, customers)))
    );
    await client.import('customer_id,x,t_x,T\nA,1,2,5\n', { name: 'sql', kind: 'summary' }).result;
    expect(await getDataset(db, 'dataset-1')).toMatchObject({ kind: 'summary', customers: 1 });
    expect(await getSummaries(db, 'dataset-1')).toHaveLength(1);
    expect((await getTransactions(db, 'dataset-1')).length).toBe(0);
    db.close();
  });

  it('hands every rejected row to the download, not only the first thousand shown on screen', async () => {
    const client = new ImportClient(inProcessWorker(async () => {}));
    const lines = ['customer,date,amount', 'A,2011-01-01,10'];
    for (let i = 0; i < 1500; i++) lines.push(`R${i},not-a-date,1`);
    const answer = await client.import(lines.join('\n') + '\n', {
      name: 'many rejects',
      save: false,
      dateFormat: 'iso'
    }).result;
    expect(answer.counts.rejected).toBe(1500);
    expect(answer.rejects).toHaveLength(1000);
    const csvLines = answer.rejectsCsv.trim().split(/\r?\n/);
    expect(csvLines[0]).toBe('line,reason,row');
    expect(csvLines).toHaveLength(1501);
    expect(csvLines[1500]).toContain('1502'); // the last bad row is line 1502 of the file
  });
});
