import { describe, expect, it } from 'vitest';
import { Workspace, type ScenarioEngine } from '$lib/ui/workspace.svelte';
import type { Scenario } from '$lib/model/scenario/scenario-types';

function fresh() {
  const seen: Scenario[] = [];
  const engine: ScenarioEngine = { evaluate: async (s) => (seen.push(s), null) };
  const w = new Workspace();
  w.attachEngine(engine);
  return { w, seen };
}

describe('the workspace undoes and redoes lever and assumption changes', () => {
  it('a drag of one lever is one step; undo and redo run the engine on the restored scenario', () => {
    const { w, seen } = fresh();
    const start = w.scenario.levers.pricing.priceChange;
    expect(w.canUndo).toBe(false);
    // a slider drag: several values in quick succession, then let go
    for (const v of [0.01, 0.02, 0.05]) w.setLever('pricing.priceChange', v);
    w.sealHistory();
    expect(w.canUndo).toBe(true);
    w.undo();
    expect(w.scenario.levers.pricing.priceChange).toBe(start);
    expect(seen.at(-1)?.levers.pricing.priceChange).toBe(start);
    expect(w.canUndo).toBe(false);
    expect(w.canRedo).toBe(true);
    w.redo();
    expect(w.scenario.levers.pricing.priceChange).toBe(0.05);
    expect(seen.at(-1)?.levers.pricing.priceChange).toBe(0.05);
  });

  it('the slider change event after the drag is let go (same value) adds no step: one undo goes back', () => {
    const { w, seen } = fresh();
    const start = w.scenario.levers.pricing.priceChange;
    for (const v of [0.02, 0.05]) w.setLever('pricing.priceChange', v);
    w.sealHistory(); // pointer up
    const runs = seen.length;
    w.setLever('pricing.priceChange', 0.05); // the change event, after the seal
    expect(seen.length).toBe(runs); // nothing to recompute
    w.undo();
    expect(w.scenario.levers.pricing.priceChange).toBe(start);
    expect(w.canUndo).toBe(false);
  });

  it('after a seal the same lever makes a new step; an assumption edit and a load are steps', () => {
    const { w } = fresh();
    w.setLever('pricing.priceChange', 0.1);
    w.sealHistory();
    w.setLever('pricing.priceChange', 0.2);
    w.setAssumption('pricing.priceElasticity', { central: -1.5 });
    const loaded = structuredClone($state.snapshot(w.scenario)) as Scenario;
    loaded.name = 'Loaded';
    loaded.levers.pricing.priceChange = 0.3;
    expect(w.load(loaded)).toEqual([]);
    w.undo();
    expect(w.scenario.name).not.toBe('Loaded');
    expect(w.scenario.assumptions['pricing.priceElasticity']).toEqual({ central: -1.5 });
    w.undo();
    expect(w.scenario.assumptions['pricing.priceElasticity']).toBeUndefined();
    expect(w.scenario.levers.pricing.priceChange).toBe(0.2);
    w.undo();
    expect(w.scenario.levers.pricing.priceChange).toBe(0.1);
    // a new change drops what could be redone
    w.setLever('pricing.priceChange', 0.15);
    expect(w.canRedo).toBe(false);
  });
});
