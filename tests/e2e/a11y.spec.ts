import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { navItems } from '../../src/lib/ui/nav';

// axe-core runs locally (bundled with @axe-core/playwright); nothing is fetched.
for (const item of navItems) {
  test(`the ${item.label} page has no serious or critical accessibility violations (axe)`, async ({ page }) => {
    await page.goto(item.href);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // scan the workbench with its results on screen, not its loading state
    if (item.href === '/') await expect(page.locator('[data-kpi]').first()).toBeVisible({ timeout: 45_000 });
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join('; ')}`
      );
    expect(serious).toEqual([]);
  });
}

test('every page can be walked with the keyboard from the skip link to the main content', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
});
