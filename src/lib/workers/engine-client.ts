/**
 * Typed client of the scenario-engine worker. One newest-wins lane per request
 * type (a dragged slider floods `evaluate`; only the newest answer is drawn),
 * `setBaseline` goes straight through (always delivered, in order). Monte Carlo
 * bands (`bands`) and the waterfall (`attribution`) have lanes of their own, so a
 * new bands request never supersedes an `evaluate` answer of a dragged slider (the
 * worker answers in arrival order; while a bands run computes, evaluate requests
 * wait behind it and only the newest is sent next).
 * `cancel(type)` settles a lane as cancelled; `cancel(type, { hard: true })` also
 * terminates the worker and starts a fresh one (re-sending the baseline), for a
 * long Monte Carlo or optimisation that should stop now.
 *
 * Usage in the app:
 *   const engine = new EngineClient(() => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }));
 *   const r = await engine.evaluate($state.snapshot(scenario));
 *   if (r.status === 'ok') outcome = r.value;
 */
import type { BaselineSpec } from '../model/scenario/engine/baseline.ts';
import type { KpiId, Scenario } from '../model/scenario/scenario-types.ts';
import type { OptimiseOptions } from '../model/scenario/optimise.ts';
import type { EngineRequestBody, EngineRequestType, EngineResponse, EngineResults } from './engine-protocol.ts';
import { LatestOnly, type Settled } from './engine-latest.ts';

/** The part of a Worker the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: EngineResponse }) => void) | null;
  onerror?: ((e: unknown) => void) | null;
}

type LaneType = Exclude<EngineRequestType, 'setBaseline'>;
const LANES: readonly LaneType[] = ['evaluate', 'sensitivity', 'optimise', 'explain', 'attribution', 'bands'];

export class EngineClient {
  private worker: WorkerLike;
  private id = 0;
  private lanes: { [K in LaneType]: LatestOnly<EngineRequestBody, EngineResults[K]> };
  private direct = new Map<number, (s: Settled<EngineResults['setBaseline']>) => void>();
  private baseline: BaselineSpec | null = null;

  constructor(private readonly createWorker: () => WorkerLike) {
    const send = (id: number, body: EngineRequestBody) => this.worker.postMessage({ ...body, id });
    const next = () => ++this.id;
    this.lanes = {
      evaluate: new LatestOnly(send, next),
      sensitivity: new LatestOnly(send, next),
      optimise: new LatestOnly(send, next),
      explain: new LatestOnly(send, next),
      attribution: new LatestOnly(send, next),
      bands: new LatestOnly(send, next)
    };
    this.worker = this.start();
  }

  private start(): WorkerLike {
    const w = this.createWorker();
    w.onmessage = (e) => this.onReply(e.data);
    return w;
  }

  /** ms the worker took for the last answer of each lane */
  readonly lastMs: Partial<Record<EngineRequestType, number>> = {};

  private onReply(r: EngineResponse): void {
    if (r.ok) this.lastMs[r.type] = r.ms;
    if (r.type === 'setBaseline') {
      const resolve = this.direct.get(r.id);
      if (!resolve) return;
      this.direct.delete(r.id);
      resolve(
        r.ok ? { status: 'ok', value: r.result as EngineResults['setBaseline'] } : { status: 'error', errors: r.errors }
      );
      return;
    }
    const lane = this.lanes[r.type] as LatestOnly<EngineRequestBody, unknown>;
    lane.receive(r.id, r.ok ? { ok: true, value: r.result } : { ok: false, errors: r.errors });
  }

  setBaseline(spec: BaselineSpec): Promise<Settled<EngineResults['setBaseline']>> {
    this.baseline = spec;
    const id = ++this.id;
    return new Promise((resolve) => {
      this.direct.set(id, resolve);
      this.worker.postMessage({ type: 'setBaseline', spec, id });
    });
  }

  evaluate(scenario: Scenario, bands?: { draws: number; seed?: number }): Promise<Settled<EngineResults['evaluate']>> {
    return this.lanes.evaluate.submit({ type: 'evaluate', scenario, draws: bands?.draws, seed: bands?.seed });
  }

  sensitivity(scenario: Scenario, kpi: KpiId): Promise<Settled<EngineResults['sensitivity']>> {
    return this.lanes.sensitivity.submit({ type: 'sensitivity', scenario, kpi });
  }

  optimise(scenario: Scenario, options: OptimiseOptions): Promise<Settled<EngineResults['optimise']>> {
    return this.lanes.optimise.submit({ type: 'optimise', scenario, options });
  }

  explain(scenario: Scenario): Promise<Settled<EngineResults['explain']>> {
    return this.lanes.explain.submit({ type: 'explain', scenario });
  }

  /** KPI change from the neutral scenario, lever family by family (engine/attribution.ts) */
  attribution(scenario: Scenario, kpi: KpiId): Promise<Settled<EngineResults['attribution']>> {
    return this.lanes.attribution.submit({ type: 'attribution', scenario, kpi });
  }

  /** Monte Carlo 10/50/90 bands on their own lane (seeded: same seed, same bands) */
  bands(scenario: Scenario, draws: number, seed?: number): Promise<Settled<EngineResults['bands']>> {
    return this.lanes.bands.submit({ type: 'bands', scenario, draws, seed });
  }

  cancel(type: LaneType, options: { hard?: boolean } = {}): void {
    this.lanes[type].cancel();
    if (options.hard) {
      this.worker.terminate();
      for (const [, resolve] of this.direct) resolve({ status: 'cancelled' });
      this.direct.clear();
      this.worker = this.start();
      if (this.baseline) void this.setBaseline(this.baseline);
      for (const l of LANES) {
        if (l !== type) this.lanes[l].cancel();
        this.lanes[l].reset();
      }
    }
  }

  dispose(): void {
    for (const l of LANES) this.lanes[l].cancel();
    this.worker.terminate();
  }
}

/**
 * The workspace's engine seam (src/lib/ui/workspace.svelte.ts, ScenarioEngine):
 * resolves null when superseded or cancelled, throws the validation errors.
 */
export function scenarioEngine(client: EngineClient): {
  evaluate(scenario: Scenario): Promise<{
    requestId: number;
    outcome: EngineResults['evaluate']['outcome'];
    baseline: EngineResults['evaluate']['baseline'];
    elapsedMs: number;
  } | null>;
} {
  let requestId = 0;
  return {
    async evaluate(scenario) {
      const id = ++requestId;
      const r = await client.evaluate(scenario);
      if (r.status === 'error') throw new Error(r.errors.join('\n'));
      if (r.status !== 'ok') return null;
      return {
        requestId: id,
        outcome: r.value.outcome,
        baseline: r.value.baseline,
        elapsedMs: client.lastMs.evaluate ?? 0
      };
    }
  };
}
