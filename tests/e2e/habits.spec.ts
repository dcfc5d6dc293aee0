import type { Page } from '@playwright/test';
import { test, expect, useExampleMediaPlan } from './fixtures';

async function openWorkbench(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 45_000 });
  await expect(page.locator('.status')).toContainText('Baseline: BG/NBD');
}

const kpiText = (page: Page) => page.locator('[data-kpi="newCustomers"] .value').first().textContent();

test('a slider drag is one undo step: Ctrl+Z brings the KPI back, redo and the buttons move it again', async ({
  page
}) => {
  await openWorkbench(page);
  await useExampleMediaPlan(page); // paid media brings the new customers the price acts on
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  await expect(redo).toBeDisabled();
  const before = await kpiText(page);
  const priceBox = page.getByRole('textbox', { name: /^List price change/ });
  const startPrice = await priceBox.inputValue();

  // drag the price slider to the right in many small moves (many input events, one step)
  const slider = page.getByRole('slider', { name: 'List price change' });
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 + i * 8, y, { steps: 2 });
  await page.mouse.up();
  const draggedPrice = await priceBox.inputValue();
  expect(Number(draggedPrice)).toBeGreaterThan(Number(startPrice));
  await expect.poll(() => kpiText(page)).not.toBe(before);
  const after = await kpiText(page);

  // keyboard undo, with focus outside any text field
  await page.locator('h1', { hasText: 'Workbench' }).click();
  await page.keyboard.press('Control+z');
  await expect(priceBox).toHaveValue(startPrice);
  await expect.poll(() => kpiText(page)).toBe(before);
  await expect(redo).toBeEnabled();
  await page.keyboard.press('Control+Shift+z');
  await expect(priceBox).toHaveValue(draggedPrice);
  await expect.poll(() => kpiText(page)).toBe(after);
  await page.keyboard.press('Control+z');
  await expect.poll(() => kpiText(page)).toBe(before);
  await page.keyboard.press('Control+y');
  await expect.poll(() => kpiText(page)).toBe(after);

  // the buttons
  await undo.click();
  await expect(priceBox).toHaveValue(startPrice);
  await expect.poll(() => kpiText(page)).toBe(before);
  await redo.click();
  await expect(priceBox).toHaveValue(draggedPrice);
  await expect(redo).toBeDisabled();

  // undo once more goes back past the drag to before the example was loaded
  await undo.click();
  await undo.click();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).not.toHaveValue('Example: seed media plan');
  await expect(undo).toBeDisabled();
});

test('typed numbers are one step each, and Ctrl+Z inside a text field is left to the browser', async ({ page }) => {
  await openWorkbench(page);
  const priceBox = page.getByRole('textbox', { name: /^List price change/ });
  const start = await priceBox.inputValue();
  await priceBox.fill('10');
  await priceBox.press('Enter');
  await priceBox.fill('20');
  await priceBox.press('Enter');
  await expect(priceBox).toHaveValue('20');
  // in the scenario name box, Ctrl+Z is the text's own undo (the browser's): the scenario's
  // lever, which the slider shows, stays where it was
  const slider = page.getByRole('slider', { name: 'List price change' });
  const name = page.getByRole('textbox', { name: 'Scenario name' });
  const oldName = await name.inputValue();
  await name.focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' two');
  await expect(name).toHaveValue(`${oldName} two`);
  await page.keyboard.press('Control+z');
  await expect(name).toHaveValue(oldName);
  await expect(slider).toHaveValue('20');
  await expect(page.getByRole('button', { name: 'Redo', exact: true })).toBeDisabled();
  await page.locator('h1', { hasText: 'Workbench' }).click();
  await page.keyboard.press('Control+z');
  await expect(slider).toHaveValue('10');
  await expect(priceBox).toHaveValue('10');
  await page.keyboard.press('Control+z');
  await expect(priceBox).toHaveValue(start);
});

test('the theme follows the system, can be switched, is kept, and is applied before the first paint', async ({
  page
}) => {
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/data');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const systemDark = await bg();
  await page.emulateMedia({ colorScheme: 'light' });
  const systemLight = await bg();
  expect(systemDark).not.toBe(systemLight);

  const theme = page.getByRole('combobox', { name: 'Theme' });
  await expect(theme).toHaveValue('system');
  await theme.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).toBe(systemDark); // dark although the system is light
  // kept across a reload, and set by app.html's script before the app's code runs
  await page.goto('/compare');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await expect(theme).toHaveValue('dark');
  await theme.selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  expect(await bg()).toBe(systemLight);
  // printing is light whatever the theme
  await theme.selectOption('dark');
  await page.emulateMedia({ media: 'print' });
  expect(await bg()).toBe('rgb(255, 255, 255)');
  expect(cspErrors).toEqual([]);
});
