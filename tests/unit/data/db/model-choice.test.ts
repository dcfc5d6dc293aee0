import { afterEach, describe, expect, it } from 'vitest';
import { deleteDataset, getDataset, openDb, saveDataset, setModelChoice, type LeverLabDb } from '$lib/data/db';
import type { ModelChoice } from '$lib/data/types';
import { freshName, meta, summaries, table } from './fixtures';

const opened: LeverLabDb[] = [];
async function open(): Promise<LeverLabDb> {
  const db = await openDb(freshName(), { storage: undefined });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const choice: ModelChoice = {
  model: 'paretonbd',
  proposed: 'bgnbd',
  reason: 'BG/NBD has the lowest per-customer holdout RMSE',
  calibrationEnd: '1997-12-30',
  holdoutEnd: '1998-06-30',
  rmse: { bgnbd: 1.023, paretonbd: 1.03, mbgnbd: 1.027 },
  chosenAt: '2026-12-02T18:00:00.000Z'
};

describe('the model choice stored with a dataset', () => {
  it('is kept on the dataset record, survives reopening, can be cleared, and goes with the dataset', async () => {
    const name = freshName();
    let db = await openDb(name, { storage: undefined });
    await saveDataset(db, meta('d1'), table(), summaries());
    expect((await getDataset(db, 'd1'))?.modelChoice).toBeUndefined();
    await setModelChoice(db, 'd1', choice);
    db.close();
    db = await openDb(name, { storage: undefined });
    opened.push(db);
    expect((await getDataset(db, 'd1'))?.modelChoice).toEqual(choice);
    await setModelChoice(db, 'd1', null);
    expect((await getDataset(db, 'd1'))?.modelChoice).toBeUndefined();
    await setModelChoice(db, 'd1', choice);
    await deleteDataset(db, 'd1');
    expect(await getDataset(db, 'd1')).toBeUndefined();
  });

  it('refuses a dataset that is not stored, by its id', async () => {
    const db = await open();
    await expect(setModelChoice(db, 'nope', choice)).rejects.toThrow('no dataset with id nope');
  });
});
