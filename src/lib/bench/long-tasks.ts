/** Counts main-thread tasks over 50 ms while work runs elsewhere (the "never blocks" checks). */
export interface LongTaskWatch {
  /** count, longest duration, and when each began (ms after the watch started) */
  stop(): { count: number; maxMs: number; startsMs: number[] };
}

export function watchLongTasks(): LongTaskWatch {
  let count = 0;
  let maxMs = 0;
  const origin = performance.now();
  const startsMs: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      count++;
      maxMs = Math.max(maxMs, e.duration);
      startsMs.push(Math.round(e.startTime - origin));
    }
  });
  observer.observe({ type: 'longtask', buffered: false });
  return {
    stop() {
      observer.disconnect();
      return { count, maxMs: Math.round(maxMs), startsMs };
    }
  };
}

/** The long-task figures every benchmark reports of a stopped watch: how many, and the longest (ms). */
export function longTaskFigures(tasks: { count: number; maxMs: number }): {
  mainThreadLongTasks: number;
  longestTaskMs: number;
} {
  return { mainThreadLongTasks: tasks.count, longestTaskMs: tasks.maxMs };
}
