import { describe, expect, it } from 'vitest';
import { ImportClient, ImportWorkerError, type WorkerLike } from '$lib/workers/import-client';
import { createImportHandler, type SaveDataset } from '$lib/workers/import-handler';
import { saveImportedDataset, toChunks } from '$lib/workers/import-save';
import type { ImportResponse } from '$lib/workers/import-protocol';
import { openDb } from '$lib/data/db/database';
import { tableFromRows } from '$lib/data/import/table-builder';

/** The worker boundary in one process: messages are structured-cloned and delivered asynchronously, as postMessage does. */
function inProcessWorker(save: SaveDataset): WorkerLike {
  const listeners: ((event: { data: ImportResponse }) => void)[] = [];
  const handler = createImportHandler({
    post: (response) => {
      const data = structuredClone(response);
      setTimeout(() => listeners.forEach((l) => l({ data })), 0);
    },
    save,
    newId: () => 'dataset-1',
    now: () => new Date('2026-01-01T00:00:00Z')
  });
  return {
    postMessage: (message) => {
      const data = structuredClone(message);
      setTimeout(() => void handler.handle(data), 0);
    },
    addEventListener: (_type, listener) => listeners.push(listener)
  };
}

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
    expect(answer.meta).toMatchObject({ id: 'dataset-1', name: 'shop', kind: 'transactions', source: 'import', customers: 2, transactions: 4 });
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
    const client = new ImportClient(inProcessWorker(async (_meta, table, customers) => void saved.push(table.length, customers.length)));
    const text = 'customer_id,x,t_x,T,m,first_date,last_date\nA,2,3,10,5,2011-01-01,2011-01-22\nB,0,0,8,0,2011-01-15,2011-01-15\nC,-1,0,1,0,,\n';
    const answer = await client.import(text, { name: 'sql', kind: 'summary', calibrationEnd: '2011-03-11' }).result;
    expect(answer.meta).toMatchObject({ kind: 'summary', customers: 2, transactions: 4, firstDate: '2011-01-01', lastDate: '2011-01-22' });
    expect(answer.rejects.map((r) => r.line)).toEqual([4]);
    expect(saved).toEqual([0, 2]);
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

describe('saving an imported dataset', () => {
  const table = tableFromRows([
    { customerId: 'A', day: 15000, amount: 1, channel: 'email' },
    { customerId: 'B', day: 15001, amount: 2, channel: '' },
    { customerId: 'A', day: 15002, amount: 3, channel: 'email' }
  ]);

  it('splits transactions into chunks with per-chunk id dictionaries', () => {
    const chunks = toChunks('d', table, 2);
    expect(chunks.map((c) => [c.chunk, c.rows, c.customerIds, Array.from(c.customerIndex)])).toEqual([
      [0, 2, ['A', 'B'], [0, 1]],
      [1, 1, ['A'], [0]]
    ]);
    expect(chunks[0].channels).toEqual(['email', '']);
  });

  it('writes meta, customers and chunks to IndexedDB in one transaction', async () => {
    const db = await openDb(`import-save-${Math.random()}`);
    const meta = {
      id: 'd1', name: 'n', kind: 'transactions' as const, source: 'import' as const, createdAt: '2026-01-01T00:00:00.000Z',
      customers: 1, transactions: 3, firstDate: '2011-01-26', lastDate: '2011-01-28', calibrationEnd: '2011-01-28', unit: 'week' as const
    };
    const customer = { id: 'A', x: 1, tx: 2 / 7, T: 2 / 7, m: 3, firstSpend: 1, xHoldout: NaN, holdoutSpend: NaN, firstDate: '2011-01-26', lastDate: '2011-01-28', channel: 'email', segment: '', region: '', treatment: -1 };
    await saveImportedDataset(db, meta, table, [customer]);
    expect(await db.datasets.get('d1')).toMatchObject({ name: 'n', storageBytes: expect.any(Number) });
    expect(await db.customers.count()).toBe(1);
    const chunk = await db.transactions.get(['d1', 0]);
    expect(Array.from(chunk!.amount)).toEqual([1, 2, 3]);
    db.close();
  });
});
