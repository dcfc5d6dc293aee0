/**
 * Shared e2e fixture: every page records its requests and console errors, and each
 * test ends by asserting that nothing left localhost and nothing was logged as an error.
 */
import { test as base, expect, type Page } from '@playwright/test';

export interface Watch {
  /** every request URL the page made */
  requests: string[];
  /** console errors and uncaught exceptions */
  errors: string[];
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for URLs that stay on this machine (or never touch the network at all). */
export function isLocal(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return LOCAL_HOSTS.has(u.hostname);
}

export function watch(page: Page): Watch {
  const w: Watch = { requests: [], errors: [] };
  page.on('request', (r) => w.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(m.text());
  });
  page.on('pageerror', (e) => w.errors.push(`uncaught: ${e.message}`));
  return w;
}

export const test = base.extend<{ watched: Watch; freshUser: boolean }>({
  /** set `test.use({ freshUser: true })` to see the first-visit tour; otherwise it is marked as seen */
  freshUser: [false, { option: true }],
  page: async ({ page, freshUser }, use) => {
    if (!freshUser) await page.addInitScript(() => localStorage.setItem('lever-lab:tour-seen', '1'));
    await use(page);
  },
  watched: [
    async ({ page, context }, use) => {
      const w = watch(page);
      // Requests from workers and service workers are seen at the context level.
      context.on('request', (r) => {
        if (!w.requests.includes(r.url())) w.requests.push(r.url());
      });
      await use(w);
      const remote = w.requests.filter((u) => !isLocal(u));
      expect(remote, 'requests that left localhost').toEqual([]);
      expect(w.errors, 'console errors').toEqual([]);
    },
    { auto: true }
  ]
});

export { expect };

/** Saves a full-page screenshot under test-results/screenshots/ for people to look at. */
export async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/**
 * Loads the example scenario with the seeds' media plan from the Saved menu (a first visit
 * starts at the baseline, with no paid media and, on the music sample, no new customers).
 */
export async function useExampleMediaPlan(page: Page): Promise<void> {
  await page.getByText(/^Saved \(/).click();
  await page.getByRole('button', { name: 'Example: seed media plan' }).click();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('Example: seed media plan');
  await page.keyboard.press('Escape');
  // the engine's answer for the plan is on show: paid media adds new customers
  await expect(page.locator('[data-kpi="newCustomers"] .delta.good')).toBeVisible();
}

/**
 * Answers the "Use it now?" question a successful import asks (a modal dialog: the page
 * behind is inert until it is answered). "Not now" is given with Escape, as a person may.
 */
export async function answerUseItNow(page: Page, answer: 'Use it now' | 'Not now'): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Use it now?' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  if (answer === 'Not now') await page.keyboard.press('Escape');
  else await dialog.getByRole('button', { name: 'Use it now' }).click();
  await expect(dialog).toBeHidden();
}
