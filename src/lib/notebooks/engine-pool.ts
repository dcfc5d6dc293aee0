/**
 * Engines shared by the notebooks one page shows in turn (the editor's live preview parses the
 * text again after each pause in typing): one engine client per baseline, kept until the page
 * closes, instead of a fresh worker for every parse. A lease's dispose leaves the engine running;
 * the pool's dispose stops them all.
 */
import type { BaselineSpec } from '../model/scenario/engine/index.ts';
import { workerEngine } from './engine.ts';
import type { NotebookEngine } from './runtime.ts';

export interface EnginePool {
  createEngine: () => NotebookEngine;
  dispose(): void;
}

export function enginePool(create: () => NotebookEngine = workerEngine): EnginePool {
  const engines = new Map<string, { engine: NotebookEngine; ready: ReturnType<NotebookEngine['setBaseline']> }>();
  let closed = false;
  const lease = (): NotebookEngine => {
    let held: NotebookEngine | null = null;
    return {
      setBaseline(spec: BaselineSpec) {
        const key = JSON.stringify(spec);
        let e = engines.get(key);
        if (!e) {
          const engine = create();
          engines.set(key, (e = { engine, ready: engine.setBaseline(spec) }));
        }
        held = e.engine;
        return e.ready;
      },
      evaluateAll(...args: Parameters<NotebookEngine['evaluateAll']>) {
        // a runtime sends only after its baseline is set; a closed pool answers as cancelled
        if (!held || closed) return Promise.resolve({ status: 'cancelled' as const });
        return held.evaluateAll(...args);
      },
      // the engine stays in the pool for the next notebook (a runtime closed while its batch
      // was on its way drops the late answers itself)
      dispose() {}
    };
  };
  return {
    createEngine: lease,
    dispose() {
      closed = true;
      for (const { engine } of engines.values()) engine.dispose();
      engines.clear();
    }
  };
}
