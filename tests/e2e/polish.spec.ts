/**
 * Polish of issue 13 item 9 on the workbench: the Saved/Share/Export popovers (one at a time,
 * Escape closes and returns the focus, inside the window), lever help in the box's unit, and
 * on a phone the headline KPIs stay in sight while the levers move.
 */
import type { Page } from '@playwright/test';
import { test, expect, snapshot } from './fixtures';

async function openWorkbench(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 45_000 });
}

test('the popovers open one at a time, close on Escape with the focus back, and stay inside the window', async ({
  page
}) => {
  await openWorkbench(page);
  const share = page.locator('summary', { hasText: 'Share' });
  const exportMenu = page.locator('summary', { hasText: 'Export' });
  await share.click();
  await expect(page.getByRole('group', { name: 'Share this scenario' })).toBeVisible();
  await exportMenu.click();
  await expect(page.getByRole('group', { name: 'Export' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Share this scenario' })).toBeHidden(); // never two at once
  const box = await page.getByRole('group', { name: 'Export' }).boundingBox();
  const panel = await page.getByRole('complementary', { name: 'Scenario and levers' }).boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(panel!.x);
  expect(box!.x + box!.width).toBeLessThanOrEqual(panel!.x + panel!.width + 1); // not clipped by the panel
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Export' })).toBeHidden();
  await expect(exportMenu).toBeFocused();
  // the keyboard way in: Enter opens, Escape closes, focus back on the summary
  await page.locator('summary', { hasText: /^Saved/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Saved scenarios' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Saved scenarios' })).toBeHidden();
  await expect(page.locator('summary', { hasText: /^Saved/ })).toBeFocused();
  // a click elsewhere closes an open popover
  await share.click();
  await page.getByRole('heading', { name: 'Workbench', level: 1 }).click();
  await expect(page.getByRole('group', { name: 'Share this scenario' })).toBeHidden();

  // the price help is written in the box's percent
  await expect(page.locator('[data-lever="pricing.priceChange"] .help')).toContainText('(−5 = 5% cheaper)');
  await expect(page.locator('[data-lever="pricing.priceChange"] .help')).toContainText('Unit: percent.');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the headline KPIs stay in sight while a lever far down the panel moves', async ({ page }) => {
    await openWorkbench(page);
    const strip = page.getByTestId('phone-kpis');
    await expect(strip).toBeVisible();
    const budget = page.getByRole('textbox', { name: /^Budget: email/ });
    await budget.scrollIntoViewIfNeeded();
    await budget.fill('4000');
    await budget.press('Enter');
    // the strip is pinned under the header (56 px) and shows the change
    const box = await strip.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(50);
    expect(box!.y).toBeLessThan(70);
    await expect(strip.locator('[data-phone-kpi="customerEquity"] .delta')).not.toHaveClass(/flat/);
    // nothing sticks out sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'test-results/screenshots/phone-kpis-while-levers-move.png' });
    await snapshot(page, 'phone-workbench');
  });
});
