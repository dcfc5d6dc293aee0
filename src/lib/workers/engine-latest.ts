/**
 * Newest-wins request scheduling for one lane of worker requests (svelte.dev REPL
 * style): at most one request in flight; while it runs, only the latest pending
 * request is kept (earlier ones resolve as 'superseded'); when the in-flight reply
 * arrives and a newer request is waiting, the reply is stale and is dropped
 * ('superseded') and the newer request is sent. cancel() settles pending and
 * in-flight requests as 'cancelled' and their replies are ignored.
 * Pure: the transport is a `send` callback, replies come in through `receive`.
 */
export type Settled<T> =
  | { status: 'ok'; value: T }
  | { status: 'error'; errors: string[] }
  | { status: 'superseded' }
  | { status: 'cancelled' };

interface Entry<Q, T> {
  id: number;
  request: Q;
  resolve: (s: Settled<T>) => void;
  cancelled: boolean;
}

export class LatestOnly<Q, T> {
  private inFlight: Entry<Q, T> | null = null;
  private pending: Entry<Q, T> | null = null;

  constructor(
    private readonly send: (id: number, request: Q) => void,
    private readonly nextId: () => number
  ) {}

  /** Queue a request; resolves with its answer, or superseded / cancelled. */
  submit(request: Q): Promise<Settled<T>> {
    return new Promise((resolve) => {
      const entry: Entry<Q, T> = { id: this.nextId(), request, resolve, cancelled: false };
      if (!this.inFlight) {
        this.inFlight = entry;
        this.send(entry.id, request);
        return;
      }
      if (this.pending) this.pending.resolve({ status: 'superseded' });
      this.pending = entry;
    });
  }

  /** Feed a reply; returns false when the id is not this lane's in-flight request. */
  receive(id: number, reply: { ok: true; value: T } | { ok: false; errors: string[] }): boolean {
    const cur = this.inFlight;
    if (!cur || cur.id !== id) return false;
    this.inFlight = null;
    if (cur.cancelled) {
      // already settled as cancelled
    } else if (this.pending) {
      cur.resolve({ status: 'superseded' });
    } else {
      cur.resolve(reply.ok ? { status: 'ok', value: reply.value } : { status: 'error', errors: reply.errors });
    }
    const next = this.pending;
    this.pending = null;
    if (next) {
      this.inFlight = next;
      this.send(next.id, next.request);
    }
    return true;
  }

  /** Cancel everything queued or running in this lane. */
  cancel(): void {
    if (this.pending) {
      this.pending.resolve({ status: 'cancelled' });
      this.pending = null;
    }
    if (this.inFlight && !this.inFlight.cancelled) {
      this.inFlight.cancelled = true;
      this.inFlight.resolve({ status: 'cancelled' });
    }
  }

  /** Forget the in-flight request (the worker was restarted); pending is sent. */
  reset(): void {
    this.inFlight = null;
    const next = this.pending;
    this.pending = null;
    if (next) {
      this.inFlight = next;
      this.send(next.id, next.request);
    }
  }

  get busy(): boolean {
    return this.inFlight !== null;
  }
}
