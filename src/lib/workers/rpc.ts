/**
 * The one request/reply layer under every worker client (engine, fit, import, learn, sample,
 * validate). It owns the id counter, the map of pending calls, progress delivery, cancel and
 * what happens when a worker dies. Each client keeps its own message shapes and hands this
 * layer a `decode` that reads a reply as progress, a result or an error of one call.
 *
 * One error convention: a worker sends an error as plain data, `{ name, message, code? }`
 * (`toWireError`), and the call rejects with a `WorkerError` (an Error subclass) whose name,
 * message and code are the worker's. A cancelled call rejects with name 'AbortError'; when
 * the worker fails (an uncaught error or a message that cannot be read), every pending call
 * rejects with a `WorkerCrashError` that names the worker and the cause.
 */

/** An error as it crosses the worker boundary. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
}

/** An error reported by a worker, rebuilt on this side with its message intact. */
export class WorkerError extends Error {
  readonly code?: string;
  constructor(error: WireError) {
    super(error.message);
    this.name = error.name || 'Error';
    if (error.code !== undefined) this.code = error.code;
  }
}

/** Every pending call of a worker that stopped unexpectedly rejects with this. */
export class WorkerCrashError extends WorkerError {
  constructor(worker: string, cause: string) {
    super({
      name: 'WorkerCrashError',
      code: 'worker-crashed',
      message: `The ${worker} worker stopped unexpectedly${cause ? `: ${cause}` : ''}. Try again; if it keeps happening, reload the page.`
    });
  }
}

export function abortError(message: string): WorkerError {
  return new WorkerError({ name: 'AbortError', message });
}

export const isAbortError = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

/** Worker side: any thrown value as a WireError. */
export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string'
      ? { name: error.name, message: error.message, code }
      : { name: error.name, message: error.message };
  }
  return { name: 'Error', message: String(error) };
}

/** A reply read by a client's `decode`. */
export type Decoded<R, P> =
  | { id: number; kind: 'progress'; progress: P }
  | { id: number; kind: 'result'; result: R }
  | { id: number; kind: 'error'; error: WireError };

/**
 * The part of a Worker this layer uses: a real Worker, a MessagePort wrapper or a stub in
 * tests. Replies come in through `addEventListener('message')` when there is one, else
 * through `onmessage`; `onerror` / `onmessageerror` (a real Worker has both) mark a crash.
 */
export interface WorkerLike<Out = unknown> {
  postMessage(message: never, transfer?: Transferable[]): void;
  terminate?(): void;
  addEventListener?(type: 'message', listener: (event: { data: Out }) => void): void;
  onmessage?: ((event: { data: Out }) => void) | null;
  onerror?: ((event: unknown) => void) | null;
  onmessageerror?: ((event: unknown) => void) | null;
}

/** Request ids; one counter can be shared by the channels of one client (a restarted worker). */
export class IdCounter {
  #last = 0;
  next(): number {
    return ++this.#last;
  }
}

export interface CallOptions<P> {
  onProgress?: (progress: P) => void;
  /** aborting cancels the call (see `cancel`) */
  signal?: AbortSignal;
  transfer?: Transferable[];
}

export interface RpcOptions<Out, R, P> {
  /** the worker's name in messages ("engine", "import") */
  name: string;
  decode(message: Out): Decoded<R, P> | null;
  /** the message that tells the worker to stop a call (none: the late reply is only dropped) */
  cancelMessage?(target: number, id: number): unknown;
  /**
   * false: a cancel only asks the worker to stop and the call settles with the worker's own
   * answer (an AbortError, or the result when the work was already done: an import whose save
   * finished is not reported as cancelled). Default true: the call rejects at once.
   */
  cancelSettles?: boolean;
  ids?: IdCounter;
  /** after a crash has failed the pending calls (a client may start a fresh worker) */
  onCrash?(error: WorkerCrashError): void;
}

interface Pending<R, P> {
  resolve(result: R): void;
  reject(error: Error): void;
  onProgress?: (progress: P) => void;
}

export class RpcChannel<Out, R = unknown, P = unknown> {
  readonly ids: IdCounter;
  #pending = new Map<number, Pending<R, P>>();
  #closed = false;

  constructor(
    private readonly worker: WorkerLike<Out>,
    private readonly options: RpcOptions<Out, R, P>
  ) {
    this.ids = options.ids ?? new IdCounter();
    const receive = (event: { data: Out }) => this.#receive(event.data);
    if (typeof worker.addEventListener === 'function') worker.addEventListener('message', receive);
    else worker.onmessage = receive;
    const crash = (event: unknown) => {
      const error = new WorkerCrashError(options.name, describe(event));
      this.fail(error);
      options.onCrash?.(error);
    };
    worker.onerror = crash;
    worker.onmessageerror = crash;
  }

  /** calls waiting for an answer */
  get pending(): number {
    return this.#pending.size;
  }

  #receive(message: Out): void {
    const reply = this.options.decode(message);
    if (!reply) return;
    const call = this.#pending.get(reply.id);
    if (!call) return; // a reply to a call already settled (cancelled, or the worker was restarted)
    if (reply.kind === 'progress') {
      call.onProgress?.(reply.progress);
      return;
    }
    this.#pending.delete(reply.id);
    if (reply.kind === 'result') call.resolve(reply.result);
    else call.reject(new WorkerError(reply.error));
  }

  /** Posts `make(id)` and resolves with its result; rejects with a WorkerError. */
  call<T extends R>(make: (id: number) => unknown, options: CallOptions<P> = {}): { id: number; result: Promise<T> } {
    const id = this.ids.next();
    if (this.#closed) return { id, result: Promise.reject(abortError(`the ${this.options.name} worker was stopped`)) };
    if (options.signal?.aborted)
      return { id, result: Promise.reject(abortError(`${this.options.name} request cancelled`)) };
    const result = new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (r: R) => void, reject, onProgress: options.onProgress });
    });
    options.signal?.addEventListener('abort', () => this.cancel(id), { once: true });
    this.worker.postMessage(make(id) as never, options.transfer ?? []);
    return { id, result };
  }

  /**
   * Settles a call now with an AbortError (unless `cancelSettles` is false) and tells the
   * worker to stop it; its late replies are dropped. Returns false when the call had already
   * settled.
   */
  cancel(id: number, message = `${this.options.name} request cancelled`): boolean {
    const call = this.#pending.get(id);
    if (!call) return false;
    if (this.options.cancelSettles !== false) {
      this.#pending.delete(id);
      call.reject(abortError(message));
    }
    const stop = this.options.cancelMessage?.(id, this.ids.next());
    if (stop !== undefined && !this.#closed) this.worker.postMessage(stop as never);
    return true;
  }

  /** Rejects every pending call with `error`. */
  fail(error: Error): void {
    const calls = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of calls) call.reject(error);
  }

  /** Stops the worker; pending calls reject with an AbortError, later calls too. */
  terminate(message = `the ${this.options.name} worker was stopped`): void {
    this.#closed = true;
    this.worker.terminate?.();
    this.fail(abortError(message));
  }
}

/**
 * The reply shapes most workers send: `{ id, type: 'progress', … }`, `{ id, type: 'error', error }`,
 * or a result under any other type (`{ id, type: 'fitted', result }`).
 */
export type TypedReply<R> =
  | { id: number; type: 'progress' }
  | { id: number; type: 'error'; error: WireError }
  | { id: number; type: string; result: R };

/** A `decode` for `TypedReply` messages; `progress` reads a progress message. */
export function decodeTyped<M extends TypedReply<R>, R, P>(
  progress: (message: Extract<M, { type: 'progress' }>) => P
): (message: M) => Decoded<R, P> {
  return (message) => {
    const m = message as TypedReply<R>;
    if (m.type === 'progress')
      return { id: m.id, kind: 'progress', progress: progress(message as Extract<M, { type: 'progress' }>) };
    if (m.type === 'error') return { id: m.id, kind: 'error', error: (m as { error: WireError }).error };
    return { id: m.id, kind: 'result', result: (m as { result: R }).result };
  };
}

/**
 * A client over one worker and one RpcChannel; subclasses add the typed calls on `rpc`.
 * `terminate` stops the worker: pending and later calls reject with "<name> worker terminated".
 */
export class RpcClient<Out, R = unknown, P = unknown> {
  protected readonly rpc: RpcChannel<Out, R, P>;
  readonly #name: string;

  constructor(worker: WorkerLike<Out>, options: RpcOptions<Out, R, P>) {
    this.rpc = new RpcChannel(worker, options);
    this.#name = options.name;
  }

  terminate(): void {
    this.rpc.terminate(`${this.#name} worker terminated`);
  }
}

function describe(event: unknown): string {
  if (event && typeof event === 'object' && 'message' in event && typeof event.message === 'string')
    return event.message;
  if (event instanceof Error) return event.message;
  return '';
}
