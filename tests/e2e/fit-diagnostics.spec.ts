import { test, expect, answerUseItNow } from './fixtures';

/**
 * A file in which nobody drops out (the UCI Online Retail situation of issue 13): 300
 * customers buying all year at their own steady rates (deterministic, so the test is too).
 */
function nobodyLeavesCsv(): Buffer {
  const rows = ['customer_id,date,amount'];
  const day = (d: number) => new Date(Date.UTC(2023, 0, 2) + d * 86_400_000).toISOString().slice(0, 10);
  for (let c = 0; c < 300; c++) {
    const gap = 3 + ((c * 37) % 50); // days between purchases
    for (let d = (c * 13) % 120; d < 365; d += gap) rows.push(`K${c},${day(d)},${(10 + ((c * d) % 90)).toFixed(2)}`);
  }
  return Buffer.from(rows.join('\n') + '\n', 'utf8');
}

test('an unidentified dropout is said next to the KPIs, with both estimates, and the person chooses which drives the baseline', async ({
  page
}) => {
  await page.goto('/data');
  await expect(page.locator('tr[data-dataset^="Music retailer"]')).toBeVisible({ timeout: 60_000 });
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'loyal.csv', mimeType: 'text/csv', buffer: nobodyLeavesCsv() });
  const form = page.locator('form.map');
  await form.getByLabel('Dataset name').fill('Nobody leaves');
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('region', { name: 'Import your own data' }).getByRole('status')).toContainText(
    '300 customers'
  );
  await answerUseItNow(page, 'Use it now');
  await page.getByRole('link', { name: 'Workbench' }).first().click();
  await expect(page.locator('.status')).toContainText('fitted to “Nobody leaves”', { timeout: 45_000 });

  // visible, not collapsed: the warning, the estimate in use, MLE and MAP side by side
  const panel = page.getByTestId('fit-diagnostics');
  await expect(panel.getByRole('heading', { name: 'What the data cannot tell' })).toBeVisible();
  await expect(panel.locator('li[data-code="dropout-not-identified"]')).toContainText(
    'CLV depends on an assumption about lifetime'
  );
  await expect(panel).toContainText('The baseline uses the MAP fit with weakly-informative priors (automatic');
  const table = panel.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Maximum likelihood' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'MAP with priors' })).toBeVisible();
  await expect(table).toContainText('Beta(1.5, 5)');
  await expect(page.locator('.status')).toContainText('MAP');

  // the CLV KPIs state their horizon and discount
  await expect(page.locator('[data-kpi="clvPerNewCustomer"]')).toContainText('10-year horizon, 10%/yr discount');

  // the maximum-likelihood fit on request, with the keyboard
  await panel.getByLabel('Maximum likelihood').focus();
  await page.keyboard.press('Space');
  await expect(panel).toContainText('The baseline uses the maximum-likelihood fit (as chosen).');
  await expect(page.locator('.status')).not.toContainText('MAP');
  await expect(panel.locator('li[data-code="dropout-not-identified"]')).toContainText('upper ends');

  // a 3-year CLV horizon: every CLV number says so
  await page.getByLabel('CLV over').selectOption('156');
  await expect(page.locator('[data-kpi="clvPerNewCustomer"]')).toContainText('3-year horizon, 10%/yr discount');
});
