import { describe, expect, it, vi } from 'vitest';
import { Workspace, type DataPort, type SessionState } from '$lib/ui/workspace.svelte';

/** A data port that keeps the session in memory and records every save. */
function memoryPort(): DataPort & { saves: SessionState[] } {
  const saves: SessionState[] = [];
  return {
    saves,
    list: async () => [{ id: 'd1', name: 'Sample', kind: 'sample', createdAt: '2026-11-23T00:00:00.000Z' } as never],
    activate: async () => ({ source: 'BG/NBD fitted to d1' }),
    remove: async () => {},
    createSample: async () => 'd1',
    listScenarios: async () => [],
    saveScenario: async () => {
      throw new Error('not used');
    },
    deleteScenario: async () => {},
    loadSession: async () => ({ activeDatasetId: 'd1', scenario: null }),
    saveSession: async (state) => void saves.push(structuredClone(state))
  };
}

describe('the working scenario survives the page going away', () => {
  it('saves a rename after a short pause, once', async () => {
    vi.useFakeTimers();
    try {
      const port = memoryPort();
      const w = new Workspace();
      w.attachData(port);
      await w.restore();
      port.saves.length = 0;
      w.rename('Before');
      w.rename('Before the link');
      expect(port.saves).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(500);
      expect(port.saves).toHaveLength(1);
      expect((port.saves[0].scenario as { name: string }).name).toBe('Before the link');
      expect(port.saves[0].activeDatasetId).toBe('d1');
    } finally {
      vi.useRealTimers();
    }
  });

  it('flushSession writes a pending change at once (page hidden or closed), and only once', async () => {
    const port = memoryPort();
    const w = new Workspace();
    w.attachData(port);
    await w.restore();
    await w.flushSession();
    port.saves.length = 0;
    w.rename('Closing now');
    await w.flushSession();
    expect(port.saves.map((s) => (s.scenario as { name: string }).name)).toEqual(['Closing now']);
    await w.flushSession(); // nothing pending: nothing written
    await new Promise((resolve) => setTimeout(resolve, 450)); // the cancelled timer does not fire
    expect(port.saves).toHaveLength(1);
  });
});

describe('deleting the dataset in use', () => {
  /** a port with two datasets; `activate` records which dataset was fitted */
  function twoDatasets() {
    const port = memoryPort();
    let datasets = [
      { id: 'd1', name: 'First' },
      { id: 'd2', name: 'Second' }
    ];
    const fitted: string[] = [];
    port.list = async () => datasets as never;
    port.remove = async (id) => void (datasets = datasets.filter((d) => d.id !== id));
    port.activate = async (id) => (fitted.push(id), { source: `fitted to ${id}`, clv: { mean: 1 } as never });
    return { port, fitted };
  }

  it('fits and uses the next dataset', async () => {
    const { port, fitted } = twoDatasets();
    const w = new Workspace();
    w.attachData(port);
    await w.restore();
    expect(w.activeDatasetId).toBe('d1');
    await w.deleteDataset('d1');
    expect(fitted).toEqual(['d1', 'd2']);
    expect(w.activeDatasetId).toBe('d2');
    expect(w.baselineSource).toBe('fitted to d2');
    expect(w.status).toBe('ready');
  });

  it('clears the results of deleted data when no dataset is left', async () => {
    const { port } = twoDatasets();
    const w = new Workspace();
    w.attachData(port);
    await w.restore();
    await w.deleteDataset('d2'); // not in use: nothing else changes
    expect(w.activeDatasetId).toBe('d1');
    expect(w.baseClv).not.toBeNull();
    await w.deleteDataset('d1');
    expect(w.activeDatasetId).toBeNull();
    expect(w.baseClv).toBeNull();
    expect(w.baselineSource).toBe('');
    expect(w.status).toBe('empty');
    expect(w.message).toMatch(/No dataset is in use/);
  });
});
