/**
 * Typed client of the scenario-engine worker, and the one owner of staleness: callers never
 * compare request ids or keep "stale" flags of their own. Requests travel on lanes:
 *
 * - latest-only lanes, one per request kind (`evaluate`, `sensitivity`, `optimise`,
 *   `explain`, `attribution`, `bands`), for work that follows a dragged slider: at most one
 *   request of the lane is in the worker; while it runs only the newest waiting request is
 *   kept (older ones settle as 'superseded'), and an answer whose request was overtaken by a
 *   newer one settles as 'superseded' too. An older answer is never delivered after a newer
 *   request of its lane.
 * - the `batch` lane, for work that needs every answer (`evaluateAll`, and `setBaseline` on
 *   a lane of its own): every request is sent and settles with its own answer, in order;
 *   nothing is superseded, only cancelled on request (an AbortSignal) or failed.
 *
 * `cancel(type)` settles a lane as cancelled (its late answers are dropped);
 * `cancel(type, { hard: true })` also terminates the worker and starts a fresh one (re-sending
 * the baseline), for a long Monte Carlo or optimisation that should stop now: every lane's
 * requests settle as cancelled. A worker that crashes fails every pending request with a
 * clear error, and the next request starts a fresh worker with the baseline.
 *
 * The transport is rpc.ts; errors of the worker (the scenario's validation errors, one per
 * line of the message) come back as `{ status: 'error', errors }`, never as rejections.
 *
 * Usage in the app:
 *   const engine = new EngineClient(() => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }));
 *   const r = await engine.evaluate($state.snapshot(scenario));
 *   if (r.status === 'ok') outcome = r.value;
 */
import type { BaselineSpec } from '../model/scenario/engine/baseline.ts';
import type { KpiId, OutcomeBands, Scenario } from '../model/scenario/scenario-types.ts';
import type { OptimiseOptions } from '../model/scenario/optimise.ts';
import type { BandDraws } from '../model/scenario/montecarlo.ts';
import type {
  EngineRequest,
  EngineRequestBody,
  EngineRequestType,
  EngineResponse,
  EngineResults
} from './engine-protocol.ts';
import { IdCounter, isAbortError, RpcChannel, type Decoded, type WorkerLike as RpcWorkerLike } from './rpc.ts';

/** The part of a Worker the client uses (a fake in tests). */
export type WorkerLike = RpcWorkerLike<EngineResponse>;

export type Settled<T> =
  | { status: 'ok'; value: T; /** ms the worker took */ ms: number }
  | { status: 'error'; errors: string[] }
  | { status: 'superseded' }
  | { status: 'cancelled' };

type Answer = { value: unknown; ms: number };
type Channel = RpcChannel<EngineResponse, Answer, never>;

/** the latest-only lanes, and the lanes that deliver every answer */
export type LatestKind = Exclude<EngineRequestType, 'setBaseline' | 'bandDraws' | 'mergeBands'>;
export type LaneType = LatestKind | 'batch';
const LATEST: readonly LatestKind[] = ['evaluate', 'sensitivity', 'optimise', 'explain', 'attribution', 'bands'];

const decode = (r: EngineResponse): Decoded<Answer, never> =>
  r.ok
    ? { id: r.id, kind: 'result', result: { value: r.result, ms: r.ms } }
    : { id: r.id, kind: 'error', error: { name: 'EngineError', code: 'rejected', message: r.errors.join('\n') } };

/** The distinct buffers under the typed arrays of Monte Carlo stretches (a transfer list). */
function drawBuffers(parts: readonly BandDraws[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const p of parts)
    for (const a of [...Object.values(p.kpis), ...Object.values(p.series)])
      if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}

/** A rejection of the transport as a settled value. */
function settleFailure(e: unknown): Settled<never> {
  if (isAbortError(e)) return { status: 'cancelled' };
  const message = e instanceof Error ? e.message : String(e);
  return { status: 'error', errors: message.split('\n') };
}

/** How a lane reaches the worker: `send` posts a request, `cancel` drops its answer. */
interface Transport {
  send(body: EngineRequestBody): { id: number; result: Promise<Answer> };
  drop(id: number): void;
}

interface Entry {
  body: EngineRequestBody;
  resolve(s: Settled<unknown>): void;
  id?: number;
}

/** A latest-only lane: one request in the worker, the newest one waiting. */
export class LatestLane {
  #inFlight: Entry | null = null;
  #waiting: Entry | null = null;

  constructor(private readonly transport: Transport) {}

  submit<T>(body: EngineRequestBody): Promise<Settled<T>> {
    return new Promise((resolve) => {
      const entry: Entry = { body, resolve: resolve as Entry['resolve'] };
      if (!this.#inFlight) return this.#send(entry);
      this.#waiting?.resolve({ status: 'superseded' });
      this.#waiting = entry;
    });
  }

  #send(entry: Entry): void {
    this.#inFlight = entry;
    const { id, result } = this.transport.send(entry.body);
    entry.id = id;
    result.then(
      (a) => this.#settle(entry, { status: 'ok', value: a.value, ms: a.ms }),
      (e: unknown) => this.#settle(entry, settleFailure(e))
    );
  }

  #settle(entry: Entry, settled: Settled<unknown>): void {
    if (this.#inFlight !== entry) return; // cancelled: already settled
    this.#inFlight = null;
    const next = this.#waiting;
    this.#waiting = null;
    entry.resolve(next ? { status: 'superseded' } : settled);
    if (next) this.#send(next);
  }

  cancel(): void {
    this.#waiting?.resolve({ status: 'cancelled' });
    this.#waiting = null;
    const current = this.#inFlight;
    this.#inFlight = null;
    if (current) {
      current.resolve({ status: 'cancelled' });
      if (current.id !== undefined) this.transport.drop(current.id);
    }
  }

  get busy(): boolean {
    return this.#inFlight !== null;
  }
}

/** A lane that delivers every answer: each request is sent at once and settles with its own answer. */
export class EveryLane {
  #open = new Set<Entry>();

  constructor(private readonly transport: Transport) {}

  submit<T>(body: EngineRequestBody, signal?: AbortSignal): Promise<Settled<T>> {
    if (signal?.aborted) return Promise.resolve({ status: 'cancelled' });
    return new Promise((resolve) => {
      const entry: Entry = { body, resolve: resolve as Entry['resolve'] };
      this.#open.add(entry);
      const { id, result } = this.transport.send(body);
      entry.id = id;
      signal?.addEventListener('abort', () => this.#cancelOne(entry), { once: true });
      result.then(
        (a) => this.#settle(entry, { status: 'ok', value: a.value, ms: a.ms }),
        (e: unknown) => this.#settle(entry, settleFailure(e))
      );
    });
  }

  #settle(entry: Entry, settled: Settled<unknown>): void {
    if (!this.#open.delete(entry)) return;
    entry.resolve(settled);
  }

  #cancelOne(entry: Entry): void {
    if (!this.#open.delete(entry)) return;
    entry.resolve({ status: 'cancelled' });
    if (entry.id !== undefined) this.transport.drop(entry.id);
  }

  cancel(): void {
    for (const entry of [...this.#open]) this.#cancelOne(entry);
  }

  get busy(): boolean {
    return this.#open.size > 0;
  }
}

/** One scenario's answer of `evaluate` / `evaluateAll`. */
export type EvaluateAnswer = EngineResults['evaluate'];

export class EngineClient {
  readonly #ids = new IdCounter();
  #channel: Channel | null = null;
  #baseline: BaselineSpec | null = null;
  readonly #latest: Record<LatestKind, LatestLane>;
  readonly #batch: EveryLane;
  readonly #direct: EveryLane;

  /** ms the worker took for the last answer of each request kind */
  readonly lastMs: Partial<Record<EngineRequestType, number>> = {};

  /** workers the Monte Carlo draws of `bands` are split across (1: the engine worker alone) */
  readonly bandWorkers: number;
  /** the second worker of the bands, with the baseline, created with the first baseline */
  #helper: { channel: Channel; ready: Promise<unknown> } | null = null;

  /**
   * @param options.bandWorkers 2 splits the draws of `bands` between the engine worker and a
   *   second worker (both cores: the halves are drawn at once and merged here, the same bands
   *   to the last digit); default 2 where the browser reports two or more cores, else 1
   */
  constructor(
    private readonly createWorker: () => WorkerLike,
    options: { bandWorkers?: number } = {}
  ) {
    const cores = typeof navigator === 'undefined' ? 1 : (navigator.hardwareConcurrency ?? 1);
    this.bandWorkers = Math.max(1, Math.min(2, Math.round(options.bandWorkers ?? (cores >= 2 ? 2 : 1))));
    const transport: Transport = {
      send: (body) => {
        const sent = this.#connect().call<Answer>((id): EngineRequest => ({ ...body, id }) as EngineRequest);
        return {
          id: sent.id,
          result: sent.result.then((a) => {
            this.lastMs[body.type] = a.ms;
            return a;
          })
        };
      },
      drop: (id) => void this.#channel?.cancel(id)
    };
    this.#latest = {
      evaluate: new LatestLane(transport),
      sensitivity: new LatestLane(transport),
      optimise: new LatestLane(transport),
      explain: new LatestLane(transport),
      attribution: new LatestLane(transport),
      bands: new LatestLane(this.#splitBands(transport))
    };
    this.#batch = new EveryLane(transport);
    this.#direct = new EveryLane(transport);
    this.#connect();
  }

  /** The channel to the worker; a fresh worker (with the baseline) after a crash or a hard cancel. */
  #connect(): Channel {
    if (this.#channel) return this.#channel;
    const channel: Channel = new RpcChannel(this.createWorker(), {
      name: 'scenario engine',
      decode,
      ids: this.#ids,
      onCrash: () => {
        // the next request starts a fresh worker; this one is gone
        if (this.#channel === channel) this.#channel = null;
        channel.terminate();
      }
    });
    this.#channel = channel;
    if (this.#baseline) void this.#direct.submit({ type: 'setBaseline', spec: this.#baseline });
    return channel;
  }

  setBaseline(spec: BaselineSpec): Promise<Settled<EngineResults['setBaseline']>> {
    this.#baseline = spec;
    if (this.#helper) this.#sendHelperBaseline(this.#helper.channel);
    else if (this.bandWorkers > 1) this.#connectHelper(); // it starts with the baseline
    return this.#direct.submit({ type: 'setBaseline', spec });
  }

  /** The bands' second worker (started with the first baseline; again after a crash). */
  #connectHelper(): Channel {
    if (this.#helper) return this.#helper.channel;
    const channel: Channel = new RpcChannel(this.createWorker(), {
      name: 'scenario engine (second Monte Carlo worker)',
      decode,
      ids: this.#ids,
      onCrash: () => {
        if (this.#helper?.channel === channel) this.#helper = null;
        channel.terminate();
      }
    });
    this.#helper = { channel, ready: Promise.resolve() };
    if (this.#baseline) this.#sendHelperBaseline(channel);
    return channel;
  }

  #sendHelperBaseline(channel: Channel): void {
    const spec = this.#baseline;
    if (!spec || this.#helper?.channel !== channel) return;
    const ready = channel.call<Answer>((id): EngineRequest => ({ type: 'setBaseline', spec, id })).result;
    ready.catch(() => {}); // a helper without its baseline hands its draws to the engine worker
    this.#helper.ready = ready;
  }

  /**
   * The bands lane's way to the workers: with two band workers, a `bands` request becomes
   * two `bandDraws` requests, the first half of the draws in the engine worker and the second
   * in the helper, then merged by the engine worker (`mergeBands`: the quantiles over all
   * draws, as one worker would give them). A helper that failed or lost its baseline hands its half to the engine
   * worker. Dropping the request drops both halves.
   */
  #splitBands(transport: Transport): Transport {
    const halves = new Map<number, number>();
    return {
      send: (body) => {
        if (body.type !== 'bands' || this.bandWorkers < 2 || !(body.draws >= 2)) return transport.send(body);
        const { scenario, draws, seed } = body;
        const half = Math.floor(draws / 2);
        const part = (from: number, to: number) => ({ type: 'bandDraws', scenario, draws, seed, from, to }) as const;
        const first = transport.send(part(0, half));
        this.#connectHelper(); // the running helper, or a fresh one with the baseline
        const helper = this.#helper!;
        const second = helper.channel.call<Answer>((id): EngineRequest => ({ ...part(half, draws), id }));
        halves.set(first.id, second.id);
        // read below only while the helper has its baseline: never an unhandled rejection
        second.result.catch(() => {});
        const secondResult = helper.ready
          .then(() => second.result)
          .catch((e: unknown) => {
            if (isAbortError(e) || !halves.has(first.id)) throw e;
            return transport.send(part(half, draws)).result;
          });
        const result = Promise.all([first.result, secondResult]).then(async ([a, b]) => {
          halves.delete(first.id);
          const parts = [a.value as BandDraws, b.value as BandDraws];
          // the quantiles are sorted in the engine worker (free again after its half), not here:
          // on the main thread the first merge runs unoptimised, a long task of up to ~80 ms
          // (200 draws x 156 weeks x 8 series); the draws' buffers move, they are not copied
          const merged = await this.#connect().call<Answer>(
            (id): EngineRequest => ({ type: 'mergeBands', parts, id }),
            { transfer: drawBuffers(parts) }
          ).result;
          const value = merged.value as EngineResults['bands'];
          const ms = Math.max(a.ms, b.ms) + merged.ms;
          this.lastMs.bands = ms;
          return { value, ms };
        });
        result.catch(() => halves.delete(first.id));
        return { id: first.id, result };
      },
      drop: (id) => {
        transport.drop(id);
        const other = halves.get(id);
        halves.delete(id);
        if (other !== undefined) this.#helper?.channel.cancel(other);
      }
    };
  }

  /** The newest scenario's outcome (latest-only: for the workbench's dragged sliders). */
  evaluate(scenario: Scenario, bands?: { draws: number; seed?: number }): Promise<Settled<EvaluateAnswer>> {
    return this.#latest.evaluate.submit({ type: 'evaluate', scenario, draws: bands?.draws, seed: bands?.seed });
  }

  /**
   * Every scenario's outcome, in order, on the batch lane (nothing is superseded): N answers
   * for N scenarios, or an error naming the scenario that failed, or 'cancelled' once `signal`
   * aborts (the comparison moved on). With `bands`, each outcome carries its Monte Carlo
   * 10/50/90 bands from that many draws, seeded by the scenario's own seed.
   */
  async evaluateAll(
    scenarios: readonly Scenario[],
    options: { signal?: AbortSignal; bands?: { draws: number } } = {}
  ): Promise<Settled<EvaluateAnswer[]>> {
    const draws = options.bands?.draws;
    const answers = await Promise.all(
      scenarios.map((scenario) =>
        this.#batch.submit<EvaluateAnswer>(
          { type: 'evaluate', scenario, draws, seed: draws === undefined ? undefined : scenario.seed },
          options.signal
        )
      )
    );
    if (answers.some((a) => a.status === 'cancelled')) return { status: 'cancelled' };
    const errors = answers.flatMap((a, i) =>
      a.status === 'error' ? a.errors.map((e) => `${scenarioLabel(scenarios[i], i)}: ${e}`) : []
    );
    if (errors.length) return { status: 'error', errors };
    const values = answers.map((a) => (a.status === 'ok' ? a.value : null)).filter((v) => v !== null);
    const ms = answers.reduce((sum, a) => sum + (a.status === 'ok' ? a.ms : 0), 0);
    return { status: 'ok', value: values, ms };
  }

  sensitivity(scenario: Scenario, kpi: KpiId): Promise<Settled<EngineResults['sensitivity']>> {
    return this.#latest.sensitivity.submit({ type: 'sensitivity', scenario, kpi });
  }

  optimise(scenario: Scenario, options: OptimiseOptions): Promise<Settled<EngineResults['optimise']>> {
    return this.#latest.optimise.submit({ type: 'optimise', scenario, options });
  }

  explain(scenario: Scenario): Promise<Settled<EngineResults['explain']>> {
    return this.#latest.explain.submit({ type: 'explain', scenario });
  }

  /** KPI change from the neutral scenario, lever family by family (engine/attribution.ts) */
  attribution(scenario: Scenario, kpi: KpiId): Promise<Settled<EngineResults['attribution']>> {
    return this.#latest.attribution.submit({ type: 'attribution', scenario, kpi });
  }

  /** Monte Carlo 10/50/90 bands on their own lane (seeded: same seed, same bands) */
  bands(scenario: Scenario, draws: number, seed?: number): Promise<Settled<EngineResults['bands']>> {
    return this.#latest.bands.submit({ type: 'bands', scenario, draws, seed });
  }

  cancel(type: LaneType, options: { hard?: boolean } = {}): void {
    if (!options.hard) {
      (type === 'batch' ? this.#batch : this.#latest[type]).cancel();
      return;
    }
    this.dispose();
    this.#connect();
    if (this.bandWorkers > 1 && this.#baseline) this.#connectHelper();
  }

  /** Settles every lane as cancelled and stops the workers (a later request starts fresh ones). */
  dispose(): void {
    for (const lane of LATEST) this.#latest[lane].cancel();
    this.#batch.cancel();
    this.#direct.cancel();
    this.#channel?.terminate();
    this.#channel = null;
    this.#helper?.channel.terminate();
    this.#helper = null;
  }
}

function scenarioLabel(scenario: Scenario, index: number): string {
  const name = typeof scenario?.name === 'string' && scenario.name ? `“${scenario.name}”` : '';
  return `scenario ${index + 1}${name ? ` ${name}` : ''}`;
}

/**
 * The workspace's engine seam (src/lib/ui/workspace.svelte.ts, ScenarioEngine): `evaluate`
 * resolves null when a newer request overtook it and throws the validation errors; a new
 * evaluation cancels the bands of the previous scenario, so `bands` resolves null instead of
 * answering for a scenario no longer on show.
 */
export function scenarioEngine(
  client: EngineClient,
  options: { draws?: number } = {}
): {
  evaluate(scenario: Scenario): Promise<{
    outcome: EvaluateAnswer['outcome'];
    baseline: EvaluateAnswer['baseline'];
    curves: EvaluateAnswer['curves'];
    elapsedMs: number;
  } | null>;
  bands(scenario: Scenario): Promise<OutcomeBands | null>;
} {
  const draws = options.draws ?? 200;
  return {
    async evaluate(scenario) {
      client.cancel('bands');
      const r = await client.evaluate(scenario);
      if (r.status === 'error') throw new Error(r.errors.join('\n'));
      if (r.status !== 'ok') return null;
      return { outcome: r.value.outcome, baseline: r.value.baseline, curves: r.value.curves, elapsedMs: r.ms };
    },
    async bands(scenario) {
      const r = await client.bands(scenario, draws, scenario.seed);
      if (r.status === 'error') throw new Error(r.errors.join('; '));
      return r.status === 'ok' ? r.value.bands : null;
    }
  };
}
