/**
 * Lazy loading of tfjs and choice of backend. tfjs (~1 MB) is imported only when a model
 * is trained or loaded, so pages that never learn never download it.
 *
 * Backend order (first that initialises wins, unless one is requested):
 * - in a worker or page: 'wasm' (XNNPACK kernels; for these small dense networks the per-op
 *   dispatch and GPU readback of webgl dominate, and in Node the T-learner on Hillstrom trained
 *   in 3.2 s on wasm against 5.9 s on the JS cpu backend), then 'webgl', then 'cpu'. The wasm
 *   binaries are served from the app's own origin: wasm-assets.ts imports them with Vite's
 *   `?url`, so the build emits them as hashed assets (cached offline by the service worker),
 *   and their URLs are passed to setWasmPaths.
 * - in Node (tests, CLI): 'cpu' (the pure-JS backend; no native binding is installed).
 */
export type Tf = typeof import('@tensorflow/tfjs');
export type BackendName = 'wasm' | 'webgl' | 'cpu';

export interface TfOptions {
  /** force one backend (it must initialise, or loading fails) */
  backend?: BackendName;
  /**
   * Where the tfjs-backend-wasm .wasm files are: a URL prefix ending in '/', or a map from
   * file name to URL (see wasm-assets.ts); default '/tfjs-backend-wasm/'
   */
  wasmPath?: string | Record<string, string>;
}

let loading: Promise<Tf> | undefined;

const isNode = typeof process !== 'undefined' && process.versions != null && process.versions.node != null;

async function tryBackend(tf: Tf, name: BackendName, options: TfOptions): Promise<boolean> {
  try {
    if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(options.wasmPath ?? '/tfjs-backend-wasm/');
    }
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/**
 * Imports tfjs once and selects a backend; the chosen one is `tf.getBackend()`. The options
 * of the first call win (tfjs is a process-wide singleton).
 */
export function loadTf(options: TfOptions = {}): Promise<Tf> {
  loading ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    const order: BackendName[] = options.backend ? [options.backend] : isNode ? ['cpu'] : ['wasm', 'webgl', 'cpu'];
    for (const name of order) {
      if (await tryBackend(tf, name, options)) {
        await tf.ready();
        return tf;
      }
    }
    loading = undefined;
    throw new Error(`no tfjs backend could be initialised (tried ${order.join(', ')})`);
  })();
  return loading;
}
