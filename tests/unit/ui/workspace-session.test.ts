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
