/**
 * A Blob/File read as UTF-8 text through `blob.stream()` and a streaming
 * TextDecoder, exposed with the small Node-readable surface papaparse's stream
 * reader uses (on/removeListener/pause/resume). Unlike papaparse's own
 * FileReader slicing, a multi-byte character split across two reads is decoded
 * whole. Works in browsers, workers and Node >= 18.
 */
type Listener = (arg?: unknown) => void;

/** the smallest slice of bytes decoded at a time (a piece handed on may exceed its minimum by this) */
export const MIN_READ_SLICE = 1 << 12;

export class BlobTextStream {
  readonly readable = true;
  private listeners = new Map<string, Set<Listener>>();
  private paused = false;
  private pumping = false;
  private done = false;
  private reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  private readonly decoder = new TextDecoder('utf-8');

  /** @param minChunkChars text is handed on in pieces of at least this many characters (except the last) */
  constructor(
    private readonly blob: Blob,
    private readonly minChunkChars = 1 << 20
  ) {}

  read(): null {
    return null;
  }

  on(event: string, listener: Listener): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    if (event === 'data') queueMicrotask(() => void this.pump());
    return this;
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  pause(): this {
    this.paused = true;
    return this;
  }

  resume(): this {
    this.paused = false;
    void this.pump();
    return this;
  }

  private emit(event: string, arg?: unknown): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) l(arg);
  }

  /** bytes read from the blob and not decoded yet (a read may return the whole file at once) */
  private pending: Uint8Array | null = null;

  private async pump(): Promise<void> {
    if (this.pumping || this.done) return;
    this.pumping = true;
    try {
      this.reader ??= this.blob.stream().getReader();
      let text = '';
      while (!this.paused) {
        if (!this.pending) {
          const { value, done } = await this.reader.read();
          if (done) {
            text += this.decoder.decode();
            this.done = true;
            if (text) this.emit('data', text);
            this.emit('end');
            return;
          }
          this.pending = value;
        }
        // decode at most one chunk's worth of bytes at a time: the parser then sees pieces of
        // about minChunkChars, not one string of the whole file, and its rows can be dropped
        // piece by piece
        const bytes: Uint8Array = this.pending;
        const take = Math.min(bytes.length, Math.max(MIN_READ_SLICE, this.minChunkChars - text.length));
        this.pending = take < bytes.length ? bytes.subarray(take) : null;
        text += this.decoder.decode(bytes.subarray(0, take), { stream: true });
        if (text.length >= this.minChunkChars) {
          this.emit('data', text);
          text = '';
        }
      }
      if (text) this.emit('data', text);
    } catch (error) {
      this.done = true;
      this.emit('error', error);
    } finally {
      this.pumping = false;
    }
  }
}
