/** ProgressJob: the state of a long job a page runs, and what a cancel or a newer run does to it. */
import { describe, expect, it } from 'vitest';
import { ProgressJob, type Progress } from '$lib/ui/progress-job.svelte';

/** a job that waits until finished by the test, reporting through the progress it is given */
function controlled<T>() {
  let progress: Progress = () => {};
  let settle: { resolve: (v: T) => void; reject: (e: unknown) => void } = { resolve: () => {}, reject: () => {} };
  const work = (p: Progress) => {
    progress = p;
    return new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  };
  return { work, report: (s: string, f: number) => progress(s, f), settle: () => settle };
}

const abort = () => Object.assign(new Error('stopped'), { name: 'AbortError' });

describe('ProgressJob', () => {
  it('shows the first stage, the reported progress, then the result with running off', async () => {
    const job = new ProgressJob();
    const c = controlled<number>();
    const done = job.run(c.work, 'starting');
    expect([job.running, job.stage, job.fraction]).toEqual([true, 'starting', 0]);
    c.report('bgnbd', 0.4);
    expect([job.stage, job.fraction]).toEqual(['bgnbd', 0.4]);
    c.settle().resolve(7);
    expect(await done).toBe(7);
    expect(job.running).toBe(false);
    expect(job.error).toBe('');
  });

  it('keeps the message of a failure, and clears it on the next run', async () => {
    const job = new ProgressJob();
    expect(await job.run(() => Promise.reject(new Error('no data')))).toBeUndefined();
    expect(job.error).toBe('no data');
    expect(job.running).toBe(false);
    await job.run(() => Promise.resolve(1));
    expect(job.error).toBe('');
  });

  it('takes an abort for no failure', async () => {
    const job = new ProgressJob();
    expect(await job.run(() => Promise.reject(abort()))).toBeUndefined();
    expect(job.error).toBe('');
  });

  it('after a cancel, the cancelled job neither reports nor turns a newer run off', async () => {
    const job = new ProgressJob();
    const first = controlled<number>();
    const firstDone = job.run(first.work, 'starting');
    job.cancel();
    expect([job.running, job.stage]).toEqual([false, '']);
    const second = controlled<number>();
    const secondDone = job.run(second.work, 'starting');
    first.report('old', 0.9);
    first.settle().reject(new Error('worker ended'));
    await firstDone;
    expect([job.running, job.stage, job.fraction, job.error]).toEqual([true, 'starting', 0, '']);
    second.settle().resolve(2);
    expect(await secondDone).toBe(2);
    expect(job.running).toBe(false);
  });
});
