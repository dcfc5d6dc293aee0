/** submitWith: a form's submit stays on the page and runs its action once. */
import { describe, expect, it } from 'vitest';
import { submitWith } from '$lib/ui/submit';

describe('submitWith', () => {
  it('prevents the navigation of the submit and runs the action once', () => {
    let runs = 0;
    const e = new Event('submit', { cancelable: true });
    submitWith(() => runs++)(e);
    expect(e.defaultPrevented).toBe(true);
    expect(runs).toBe(1);
  });

  it('does not wait for an action that returns a promise', () => {
    let settled = false;
    const e = new Event('submit', { cancelable: true });
    const handler = submitWith(() =>
      new Promise<void>((resolve) => setTimeout(resolve, 10)).then(() => (settled = true))
    );
    expect(handler(e)).toBeUndefined();
    expect(settled).toBe(false);
  });
});
