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
