/**
 * The workspace's side of the fit step: the fit report and the estimate choice reach the
 * workbench, choosing an estimate refits with it, and changing the CLV terms revalues today's
 * customers (once the terms rest) without a new baseline.
 */
import { describe, expect, it, vi } from 'vitest';
import { Workspace, type DataPort } from '$lib/ui/workspace.svelte';
import type { FitReport, FitRequestTerms } from '$lib/pipeline/fit-step';
import type { ClvSummary } from '$lib/pipeline/clv-summary';

function port() {
  const calls: { kind: 'activate' | 'valueBase'; terms: FitRequestTerms | undefined }[] = [];
  const report = (estimate: string | undefined): FitReport =>
    ({
      diagnostics: [{ level: 'note', code: 'estimate-in-use', message: `estimate ${estimate}` }],
      customers: 10
    }) as never;
  const clv = (rate: number | undefined) => ({ meanClv: rate ?? -1 }) as unknown as ClvSummary;
  const p: DataPort = {
    list: async () => [
      { id: 'd1', name: 'Sample', kind: 'transactions', createdAt: '2026-11-23T00:00:00.000Z' } as never
    ],
    activate: async (_id, terms, onProgress) => {
      calls.push({ kind: 'activate', terms });
      onProgress?.('Fitting', 0.5);
      return { source: 'fitted', clv: clv(terms?.clv?.annualDiscountRate), report: report(terms?.estimate) };
    },
    valueBase: async (_id, terms) => (calls.push({ kind: 'valueBase', terms }), clv(terms.clv?.annualDiscountRate)),
    remove: async () => {},
    createSample: async () => 'd1',
    listScenarios: async () => [],
    saveScenario: async () => {
      throw new Error('not used');
    },
    deleteScenario: async () => {},
    loadSession: async () => ({ activeDatasetId: 'd1', scenario: null }),
    saveSession: async () => {}
  };
  return { port: p, calls };
}

describe('the workspace and the fit step', () => {
  it('asks for the scenario’s CLV terms and the automatic estimate, and keeps the report', async () => {
    const { port: p, calls } = port();
    const w = new Workspace();
    w.attachData(p);
    await w.restore();
    expect(calls[0].terms).toEqual({ estimate: 'auto', clv: { annualDiscountRate: 0.1, horizonWeeks: 520 } });
    expect(w.fitReport?.diagnostics[0].message).toBe('estimate auto');
    expect(w.fitProgress).toBeNull();
  });

  it('refits with the chosen estimate, the workbench staying on show', async () => {
    const { port: p, calls } = port();
    const w = new Workspace();
    w.attachData(p);
    await w.restore();
    await w.chooseEstimate('map');
    expect(w.estimateChoice).toBe('map');
    expect(calls.at(-1)).toEqual({ kind: 'activate', terms: expect.objectContaining({ estimate: 'map' }) });
    expect(w.fitReport?.diagnostics[0].message).toBe('estimate map');
    expect(w.status).toBe('ready');
  });

  it('revalues today’s customers once the CLV terms rest, without a new baseline', async () => {
    vi.useFakeTimers();
    try {
      const { port: p, calls } = port();
      const w = new Workspace();
      w.attachData(p);
      await w.restore();
      w.setEconomics('discountRatePerYear', 0.06);
      w.setEconomics('discountRatePerYear', 0.05);
      w.setEconomics('grossMarginShare', 0.4); // the margin rescales on the page: no revaluation
      await vi.advanceTimersByTimeAsync(350);
      const revalued = calls.filter((c) => c.kind === 'valueBase');
      expect(revalued).toHaveLength(1);
      expect(revalued[0].terms?.clv).toEqual({ annualDiscountRate: 0.05, horizonWeeks: 520 });
      expect(w.baseClv?.meanClv).toBe(0.05);
      expect(calls.filter((c) => c.kind === 'activate')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks for bands only after the dataset’s first answer, never for the engine’s built-in baseline', async () => {
    vi.useFakeTimers();
    try {
      const log: string[] = [];
      const { port: p } = port();
      let fitted = false;
      const slowActivate = p.activate;
      // the fit outlasts the bands' delay: bands asked for meanwhile would hold the engine
      p.activate = async (...args) => {
        await new Promise((r) => setTimeout(r, 2000));
        fitted = true;
        return slowActivate(...args);
      };
      const w = new Workspace();
      w.attachEngine({
        evaluate: async () => {
          log.push(fitted ? 'evaluate dataset' : 'evaluate built-in');
          return { outcome: { kpis: {} }, baseline: { kpis: {} }, elapsedMs: 1 } as never;
        },
        bands: async () => (log.push(fitted ? 'bands dataset' : 'bands built-in'), null)
      });
      w.attachData(p);
      const restored = w.restore();
      await vi.advanceTimersByTimeAsync(5000);
      await restored;
      expect(log).toEqual(['evaluate built-in', 'evaluate dataset', 'bands dataset']);
    } finally {
      vi.useRealTimers();
    }
  });
});
