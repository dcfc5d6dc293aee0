import { test, expect, snapshot } from './fixtures';

test('the Model fit page compares three models on the sample and proposes one', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(page.getByTestId('dataset-in-use')).toContainText('fitted BG/NBD', { timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Model fit', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Model fit' })).toBeVisible();
  // the defaults: calibration end two thirds into the span, holdout end the last date
  const cal = await page.getByTestId('calibration-end').inputValue();
  const hold = await page.getByTestId('holdout-end').inputValue();
  expect(cal < hold).toBe(true);
  await page.getByTestId('run-evaluation').click();
  await expect(page.getByTestId('model-proposal')).toContainText('Proposed:', { timeout: 60_000 });
  await expect(page.getByTestId('model-proposal')).toContainText('lowest per-customer holdout RMSE');
  for (const m of ['bgnbd', 'paretonbd', 'mbgnbd'])
    await expect(page.getByTestId(`rmse-${m}`)).toContainText(/\d\.\d+ \/ \d\.\d+ transactions/);
  await expect(page.getByTestId('conditional-table').locator('tbody tr')).toHaveCount(8);
  await expect(page.getByRole('img', { name: /Heat map of P\(alive\)/ })).toBeVisible();
  await snapshot(page, 'model-fit');
  await page.setViewportSize({ width: 390, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await snapshot(page, 'model-fit-390');
});

test('a holdout with no days is refused with the reason before anything runs', async ({ page }) => {
  await page.goto('/model');
  const cal = page.getByTestId('calibration-end');
  await expect(cal).toBeVisible({ timeout: 60_000 });
  const hold = await page.getByTestId('holdout-end').inputValue();
  await cal.fill(hold);
  await cal.dispatchEvent('change');
  await expect(page.getByRole('alert')).toContainText('The holdout has no days');
  await expect(page.getByTestId('run-evaluation')).toBeDisabled();
});
