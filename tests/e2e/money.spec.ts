import type { Page } from '@playwright/test';
import { test, expect, snapshot, answerUseItNow } from './fixtures';

/**
 * Money as the person writes it: a CSV with German amounts ("1.234,50 €"), read once the
 * decimal comma is confirmed, in the currency picked on import (EUR), shown as euros on
 * the workbench; another currency chosen on /data re-labels every figure.
 */

/** An amount as de-DE writes it: "1.234,50 €" (a point groups thousands, a comma before the cents). */
function german(amount: number): string {
  const [whole, cents] = amount.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents} €`;
}

/** 80 customers over 2024 with one to four purchases each, some above a thousand euros. */
function ordersCsv(): Buffer {
  const lines = ['customer,date,amount'];
  for (let c = 0; c < 80; c++) {
    for (let k = 0; k <= c % 4; k++) {
      const day = new Date(Date.UTC(2024, 0, 1 + ((c * 3 + k * 37) % 330)));
      const amount = c % 5 === 0 ? 1234.5 + c : 12 + ((c * 7 + k) % 40) + 0.25;
      lines.push(`C${100 + c},${day.toISOString().slice(0, 10)},"${german(amount)}"`);
    }
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** The customer-equity card of the workbench, reached through the menu (the dataset in use stays). */
async function workbenchMoney(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Workbench' }).click();
  await expect(page.locator('.status')).toContainText('fitted to “Umsatz 2024”', { timeout: 60_000 });
  const card = page.locator('[data-kpi="customerEquity"] .value').first();
  await expect(card).toBeVisible();
  return (await card.textContent()) ?? '';
}

test('amounts written "1.234,50 €" import with the decimal comma, and the workbench shows euros', async ({ page }) => {
  await page.goto('/data');
  await expect(page.locator('tr[data-dataset^="Music retailer"]')).toBeVisible({ timeout: 60_000 });
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'umsatz.csv', mimeType: 'text/csv', buffer: ordersCsv() });
  const form = page.locator('form.map');
  const question = form.getByTestId('import-decimal');
  await expect(question).toContainText('A sample amount is “1.234,50 €”');
  // the file's amounts settle the decimal comma; the point would leave them unreadable
  await expect(question.getByLabel('1.234,56 (decimal comma)')).toBeChecked();
  await question.getByLabel('1,234.56 (decimal point)').check();
  await expect(form.getByTestId('import-decimal-read')).toContainText('cannot be read with a decimal point');
  await question.getByLabel('1.234,56 (decimal comma)').check();
  await expect(form.getByTestId('import-decimal-read')).toHaveText('“1.234,50 €” is read as 1,234.5.');

  // the currency: detected from "€"; a code that is not ISO 4217 is refused and said so
  const currency = form.getByLabel('Currency of the money');
  await expect(currency).toHaveValue('EUR');
  await currency.fill('EUX');
  await currency.press('Enter');
  await expect(currency).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('#import-currency-msg')).toContainText('not an ISO 4217 currency code');
  await currency.fill('EUR');
  await currency.press('Enter');
  await expect(form.locator('#import-currency-msg')).toHaveText('Euro');
  await form.getByLabel('Dataset name').fill('Umsatz 2024');
  await snapshot(page, 'money-import-question');
  await form.getByRole('button', { name: 'Import' }).click();
  await answerUseItNow(page, 'Use it now');
  const result = page.getByRole('region', { name: 'Import your own data' }).getByRole('status');
  await expect(result).toContainText('Imported “Umsatz 2024”: 80 customers');
  await expect(result).toContainText('0 rejected');
  await expect(page.locator('tr[data-dataset="Umsatz 2024"] .in-use')).toBeVisible({ timeout: 60_000 });

  const euros = await workbenchMoney(page);
  expect(euros).toMatch(/^−?€[\d,.]+[KMB]?$/); // en-US writes euros "€1,234"
  await snapshot(page, 'money-workbench-eur');

  // another currency on /data re-labels every money figure
  await page.getByRole('link', { name: 'Data' }).click();
  const row = page.locator('tr[data-dataset="Umsatz 2024"]');
  const picker = row.getByLabel('Currency of Umsatz 2024');
  await expect(picker).toHaveValue('EUR');
  await picker.fill('GBP');
  await picker.press('Enter');
  await expect(page.getByText('Money of “Umsatz 2024” is now shown in GBP.')).toBeVisible();
  const pounds = await workbenchMoney(page);
  expect(pounds).toBe(euros.replace('€', '£'));
});
