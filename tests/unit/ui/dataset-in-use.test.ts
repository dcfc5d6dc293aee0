/**
 * The one rule for the dataset in use: the line on every page, the thin-data warning, a failed
 * fit that keeps the previous baseline and says so, a deletion that says where it switched,
 * and the choice saved at once (not after the session's pause).
 */
import { describe, expect, it } from 'vitest';
import { Workspace, type DataPort, type SessionState } from '$lib/ui/workspace.svelte';
import { choiceLine, inUseLine, smallSampleWarning, spanDays, useItNowMessage } from '$lib/ui/dataset-in-use';

const meta = (over: Record<string, unknown> = {}) => ({
  name: 'Apparel shop',
  customers: 600,
  kind: 'transactions' as const,
  firstDate: '2024-01-01',
  lastDate: '2024-12-31',
  ...over
});

describe('the line every page shows', () => {
  it('names the dataset, its customers and the model fitted', () => {
    const mle = { purchase: { inUse: 'mle' } } as never;
    const map = { purchase: { inUse: 'map' } } as never;
    expect(inUseLine(meta(), mle)).toBe('Using: Apparel shop · 600 customers · fitted BG/NBD');
    expect(inUseLine(meta({ customers: 1 }), map)).toBe('Using: Apparel shop · 1 customer · fitted BG/NBD (MAP)');
    expect(inUseLine(meta({ kind: 'subscription' }), { purchase: null } as never)).toMatch(
      /600 subscribers · fitted sBG$/
    );
    expect(inUseLine(meta(), null)).toMatch(/· fitting…$/);
  });
});

describe('the thin-data warning', () => {
  it('holds below 50 customers or under four weeks of dates, and not otherwise', () => {
    expect(smallSampleWarning(meta())).toBeNull();
    expect(smallSampleWarning(meta({ customers: 49 }))).toMatch(/only 49 customers/);
    expect(smallSampleWarning(meta({ customers: 50 }))).toBeNull();
    // 2024-03-01 .. 2024-03-14: 13 days between, 14 days of purchases
    expect(spanDays(meta({ firstDate: '2024-03-01', lastDate: '2024-03-14' }))).toBe(13);
    expect(smallSampleWarning(meta({ firstDate: '2024-03-01', lastDate: '2024-03-14' }))).toMatch(
      /purchases over only 14 days/
    );
    expect(smallSampleWarning(meta({ firstDate: '2024-03-01', lastDate: '2024-03-29' }))).toBeNull();
    expect(smallSampleWarning(meta({ customers: 5, firstDate: '2024-03-01', lastDate: '2024-03-01' }))).toMatch(
      /only 5 customers and purchases over only 1 day/
    );
    // a summary without dates: no span to judge, the count still counts
    expect(smallSampleWarning(meta({ hasDates: false, firstDate: '', lastDate: '' }))).toBeNull();
  });

  it('the import question says what Not now keeps', () => {
    expect(useItNowMessage({ name: 'New', customers: 5 }, 'Old')).toMatch(/“New” \(5 customers\).*keeps “Old” in use/);
  });
});

/** two datasets; `fail` makes a dataset's fit throw */
function port(fail: Set<string> = new Set()) {
  let datasets = [
    { id: 'd1', name: 'First', customers: 100, kind: 'transactions' },
    { id: 'd2', name: 'Second', customers: 100, kind: 'transactions' }
  ];
  const saves: SessionState[] = [];
  const p: DataPort = {
    list: async () => datasets as never,
    activate: async (id) => {
      if (fail.has(id)) throw new Error('baseline.organicNewPerWeek: NaN (must be >= 0)');
      return { source: `fitted to ${id}` };
    },
    remove: async (id) => void (datasets = datasets.filter((d) => d.id !== id)),
    createSample: async () => 'd1',
    listScenarios: async () => [],
    saveScenario: async () => {
      throw new Error('not used');
    },
    deleteScenario: async () => {},
    loadSession: async () => ({ activeDatasetId: 'd1', scenario: null }),
    saveSession: async (state) => void saves.push(structuredClone(state))
  };
  return { port: p, saves };
}

/** the workspace with an engine that answers at once, so a baseline is on show */
async function ready(p: DataPort): Promise<Workspace> {
  const w = new Workspace();
  w.attachData(p);
  const outcome = { kpis: {} } as never;
  w.attachEngine({ evaluate: async () => ({ requestId: 1, outcome, baseline: outcome, elapsedMs: 1 }) });
  await w.restore();
  return w;
}

describe('the dataset in use never changes silently', () => {
  it('a failed fit keeps the previous baseline on show and says so', async () => {
    const { port: p } = port(new Set(['d2']));
    const w = await ready(p);
    expect(w.activeDatasetId).toBe('d1');
    await w.useDataset('d2');
    expect(w.activeDatasetId).toBe('d1');
    expect(w.status).toBe('ready');
    expect(w.baselineSource).toBe('fitted to d1');
    expect(w.inUseNote).toBe(
      'Fitting “Second” failed (baseline.organicNewPerWeek: NaN (must be >= 0)). The workbench still uses “First”.'
    );
    // the next successful choice clears the note
    await w.useDataset('d1');
    expect(w.inUseNote).toBe('');
  });

  it('a failed first fit is an error, with nothing kept', async () => {
    const { port: p } = port(new Set(['d1']));
    const w = await ready(p);
    expect(w.status).toBe('error');
    expect(w.activeDatasetId).toBeNull();
    expect(w.inUseNote).toMatch(/^Fitting “First” failed/);
  });

  it('deleting the dataset in use says which one is used now', async () => {
    const { port: p } = port();
    const w = await ready(p);
    await w.deleteDataset('d1');
    expect(w.activeDatasetId).toBe('d2');
    expect(w.inUseNote).toBe('“First”, the dataset in use, was deleted: the workbench now uses “Second”.');
    await w.deleteDataset('d2');
    expect(w.activeDatasetId).toBeNull();
    expect(w.inUseNote).toMatch(/“Second”, the dataset in use, was deleted\. No dataset is in use/);
  });

  it('the dataset last in use being gone is said on opening', async () => {
    const { port: p } = port();
    p.loadSession = async () => ({ activeDatasetId: 'deleted-elsewhere', scenario: null });
    const w = await ready(p);
    expect(w.activeDatasetId).toBe('d1');
    expect(w.inUseNote).toMatch(/no longer in this browser: the workbench now uses “First”/);
  });

  it('the choice is saved at once, without waiting for the session’s pause', async () => {
    const { port: p, saves } = port();
    const w = await ready(p);
    saves.length = 0;
    await w.useDataset('d2');
    // saved before useDataset returned: a reload right now opens d2
    expect(saves.map((s) => s.activeDatasetId)).toContain('d2');
  });
});

describe('choosing another dataset while a fit runs', () => {
  it('the stopped fit says nothing and the later choice is the one in use', async () => {
    const { port: p } = port();
    const w = await ready(p);
    // d2's fit is slow and is stopped (the port ends its worker) when d1 is chosen meanwhile
    let stop: (e: Error) => void = () => {};
    p.activate = async (id) => {
      if (id === 'd2') return new Promise((_, reject) => (stop = reject));
      return { source: `fitted to ${id} again` };
    };
    const slow = w.useDataset('d2');
    expect(w.status).toBe('loading');
    const quick = w.useDataset('d1');
    stop(Object.assign(new Error('fit worker terminated'), { name: 'AbortError' }));
    await Promise.all([slow, quick]);
    expect(w.status).toBe('ready');
    expect(w.activeDatasetId).toBe('d1');
    expect(w.baselineSource).toBe('fitted to d1 again');
    expect(w.inUseNote).toBe('');
    expect(w.message).toBe('');
  });
});

describe('the chosen purchase model in the line', () => {
  const base = {
    model: 'paretonbd' as const,
    proposed: 'bgnbd' as const,
    reason: '',
    calibrationEnd: '1997-12-30',
    holdoutEnd: '1998-06-30',
    rmse: { bgnbd: 1.0231, paretonbd: 1.0304, mbgnbd: 1.0272 },
    chosenAt: ''
  };

  it('names the model with its holdout RMSE, and the proposal it was picked over', () => {
    expect(choiceLine(base)).toBe(
      'customers scored by Pareto/NBD (holdout RMSE 1.030), picked over the proposed BG/NBD 1.023'
    );
    expect(choiceLine({ ...base, model: 'bgnbd' })).toBe('customers scored by BG/NBD, chosen by holdout RMSE 1.023');
  });

  it('is part of the dataset-in-use line once a model is chosen', () => {
    const meta = {
      name: 'Shop',
      customers: 600,
      kind: 'transactions' as const,
      firstDate: '2024-01-01',
      lastDate: '2024-12-31',
      hasDates: true,
      modelChoice: { ...base, model: 'mbgnbd' as const }
    };
    expect(inUseLine(meta, null)).toBe(
      'Using: Shop · 600 customers · fitting… · customers scored by MBG/NBD (holdout RMSE 1.027), picked over the proposed BG/NBD 1.023'
    );
  });
});
