import { test, expect, snapshot } from './fixtures';
import { navItems } from '../../src/lib/ui/nav';

test('the app loads with its navigation', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeVisible();
  for (const item of navItems) {
    await expect(nav.getByRole('link', { name: item.label, exact: true })).toBeVisible();
  }
});

for (const item of navItems) {
  test(`the ${item.label} page renders as a real page`, async ({ page }) => {
    await page.goto(item.href);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: item.label, exact: true })).toHaveAttribute('aria-current', 'page');
    await snapshot(page, `route${item.href === '/' ? '-workbench' : item.href.replaceAll('/', '-')}`);
  });
}

test('navigating between sections is client-side and keeps the shell', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data', exact: true }).click();
  await expect(page).toHaveURL(/\/data$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Data' })).toBeVisible();
});

test('an unknown deep link is served the app (SPA fallback), not a server 404', async ({ page }) => {
  const response = await page.goto('/notebooks/no-such-notebook');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

/** What each page shows once its data is in (the check is only meaningful on a full page). */
const LOADED: Record<string, string> = {
  '/': '[data-kpi="newCustomers"]',
  '/data': 'tr[data-dataset]',
  '/assumptions': 'table.data'
};

for (const width of [1024, 390]) {
  test(`every page fits a ${width} px wide window without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const item of navItems) {
      await page.goto(item.href);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const loaded = LOADED[item.href];
      if (loaded) await expect(page.locator(loaded).first()).toBeVisible({ timeout: 60_000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${item.href} is ${overflow} px wider than the window`).toBeLessThanOrEqual(0);
    }
    await snapshot(page, `narrow-${width}-assumptions`);
  });
}
