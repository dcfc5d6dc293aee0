/** A benchmark that runs in the browser on the /bench page (and is driven headless by `npm run bench`). */
export interface BrowserBenchmark {
  id: string;
  label: string;
  /** what is measured, e.g. "BG/NBD fit, CDNOW 2,357 customers" */
  size: string;
  /** the target in milliseconds (the figure the issue names), if any */
  targetMs?: number;
  /** which statistic the target applies to */
  targetStat?: 'median' | 'p95' | 'max';
  run(ctx: BenchContext): Promise<BenchResult>;
}

export interface BenchContext {
  /** fetches a file of the public data sets, mounted by the bench server at /bench-data/ */
  dataText(path: string): Promise<string>;
  dataBytes(path: string): Promise<ArrayBuffer>;
  /** fetches a file a Node benchmark wrote into bench/results (mounted at /bench-results/) */
  resultBytes(path: string): Promise<ArrayBuffer>;
  /** repeats `fn` and returns the sorted times in ms */
  time(fn: () => unknown | Promise<unknown>, repeats: number, warmup?: number): Promise<number[]>;
  /**
   * Memory of the page's renderer process (page and its workers; PSS) in MB, sampled by
   * `npm run bench` (null otherwise): start() returns the level then, stop() the peak since.
   */
  memory: { start(): Promise<number | null>; stop(): Promise<number | null> };
}

export interface BenchResult {
  /** sorted sample of times in ms */
  timesMs: number[];
  /** anything else worth printing: memory, rows/s, long tasks */
  extra?: Record<string, number | string>;
}

export interface BenchReport {
  id: string;
  label: string;
  size: string;
  targetMs?: number;
  targetStat?: 'median' | 'p95' | 'max';
  medianMs?: number;
  p95Ms?: number;
  maxMs?: number;
  runs?: number;
  extra?: Record<string, number | string>;
  error?: string;
}
