import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { navItems } from '../../src/lib/ui/nav';

// axe-core runs locally (bundled with @axe-core/playwright); nothing is fetched.
// in the light theme, and in the dark one that a dark system preference brings (contrast included)
for (const [item, scheme] of navItems.flatMap((i) => (['light', 'dark'] as const).map((c) => [i, c] as const))) {
  const theme = scheme === 'dark' ? ', dark theme' : '';
  test(`the ${item.label} page has no serious or critical accessibility violations (axe${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(item.href);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // scan the workbench with its results on screen, not its loading state
    if (item.href === '/') await expect(page.locator('[data-kpi]').first()).toBeVisible({ timeout: 45_000 });
    // and the optimiser with its form, not its loading state
    if (item.href === '/optimise')
      await expect(page.getByRole('button', { name: 'Optimise', exact: true })).toBeEnabled({ timeout: 45_000 });
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')}`
    );
}

test('the budget optimiser has no serious violations with field errors, nor with a result on screen (axe)', async ({
  page
}) => {
  await page.goto('/optimise');
  const run = page.getByRole('button', { name: 'Optimise', exact: true });
  await expect(run).toBeEnabled({ timeout: 45_000 });
  await page.getByRole('textbox', { name: /^Total media budget per week/ }).fill('-1');
  await page.getByRole('checkbox', { name: 'List price change' }).check();
  await page.getByRole('textbox', { name: 'search maximum per week' }).fill('x');
  await run.click();
  await expect(page.locator('.field-error').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('textbox', { name: /^Total media budget per week/ }).fill('6500');
  await page.getByRole('textbox', { name: 'search maximum per week' }).fill('');
  await run.click();
  await expect(page.locator('[data-figure="recommended"]')).toBeVisible({ timeout: 30_000 });
  // with the charts' data tables open too
  for (const table of await page.getByRole('button', { name: 'Table' }).all()) await table.click();
  expect(await seriousViolations(page)).toEqual([]);
});

test('every page can be walked with the keyboard from the skip link to the main content', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
});
