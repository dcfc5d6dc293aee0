/** Counts main-thread tasks over 50 ms while work runs elsewhere (the "never blocks" checks). */
export interface LongTaskWatch {
  stop(): { count: number; maxMs: number };
}

export function watchLongTasks(): LongTaskWatch {
  let count = 0;
  let maxMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      count++;
      maxMs = Math.max(maxMs, e.duration);
    }
  });
  observer.observe({ type: 'longtask', buffered: false });
  return {
    stop() {
      observer.disconnect();
      return { count, maxMs: Math.round(maxMs) };
    }
  };
}
