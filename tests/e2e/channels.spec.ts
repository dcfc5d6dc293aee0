import { test, expect, answerUseItNow } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Issue 16 in the browser: transactions with an acquisition channel and a spend file in, the
 * channel response fitted in the worker, the fitted values used on the workbench with their
 * origin shown on the assumptions page, and removed again. The files are written here from a
 * known response (geometric adstock θ = 0.5 for search, 0.2 for email; Hill saturation), with a
 * deterministic generator so the test does not depend on a seed of the app.
 */

const WEEKS = 104;
const START = Date.UTC(2024, 0, 1); // a Monday

/** xorshift32, for deterministic noise */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function poisson(u: () => number, mean: number): number {
  // Knuth's product of uniforms (means here are < 60)
  const limit = Math.exp(-mean);
  let k = 0;
  let p = u();
  while (p > limit) {
    k++;
    p *= u();
  }
  return k;
}

function files(): { transactions: Buffer; spend: Buffer } {
  const u = rng(16);
  const channels = [
    { name: 'Search', id: 'search', theta: 0.5, kappa: 1.5, K: 6000, N: 40, level: 3000 },
    { name: 'E-mail', id: 'email', theta: 0.2, kappa: 1, K: 1200, N: 30, level: 1000 }
  ];
  const spend: number[][] = channels.map(() => []);
  channels.forEach((c, i) => {
    let k = 0;
    while (k < WEEKS) {
      const length = 3 + Math.floor(u() * 8);
      const on = u() < 0.65;
      const level = c.level * (0.3 + 1.7 * u());
      for (let j = 0; j < length && k < WEEKS; j++, k++) spend[i].push(on ? Math.round(level * (0.85 + 0.3 * u())) : 0);
    }
  });
  const day = (d: number) => new Date(START + d * 86_400_000).toISOString().slice(0, 10);
  const tx = ['customer_id,date,amount,channel'];
  let id = 0;
  const customer = (d: number, channel: string) => {
    const name = `K${id++}`;
    tx.push(`${name},${day(d)},${(15 + 30 * u()).toFixed(2)},${channel}`);
    if (u() < 0.4)
      tx.push(
        `${name},${day(Math.min(d + 10 + Math.floor(60 * u()), 7 * WEEKS - 1))},${(15 + 30 * u()).toFixed(2)},${channel}`
      );
  };
  const adstock = channels.map(() => 0);
  const lines = ['week,channel,spend'];
  for (let k = 0; k < WEEKS; k++) {
    channels.forEach((c, i) => {
      lines.push(`${day(7 * k)},${c.name},${spend[i][k]}`);
      adstock[i] = spend[i][k] + c.theta * adstock[i];
      const mean = adstock[i] > 0 ? c.N / (1 + Math.pow(c.K / adstock[i], c.kappa)) : 0;
      const n = poisson(u, mean);
      for (let j = 0; j < n; j++) customer(7 * k + Math.floor(7 * u()), c.id);
    });
    const organic = poisson(u, 8);
    for (let j = 0; j < organic; j++) customer(7 * k + Math.floor(7 * u()), '');
  }
  return { transactions: Buffer.from(tx.join('\n') + '\n'), spend: Buffer.from(lines.join('\n') + '\n') };
}

async function importTransactions(page: Page, buffer: Buffer): Promise<void> {
  await page.goto('/data');
  await expect(page.locator('tr[data-dataset^="Music retailer"]')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('import-file').setInputFiles({ name: 'acquired.csv', mimeType: 'text/csv', buffer });
  const form = page.locator('form.map');
  await form.getByLabel('Dataset name').fill('Acquired by channel');
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('region', { name: 'Import your own data' }).getByRole('status')).toContainText(
    'Imported “Acquired by channel”',
    { timeout: 60_000 }
  );
  // the imported dataset is put to use, and the channel fit says it fits against it
  await answerUseItNow(page, 'Use it now');
  await expect(page.locator('tr[data-dataset="Acquired by channel"]')).toContainText('in use', { timeout: 30_000 });
  await expect(page.getByTestId('channel-fit-dataset')).toContainText('“Acquired by channel”');
}

test('a spend file is mapped, the channel response fitted, used on the workbench with its origin, and removed', async ({
  page
}) => {
  const { transactions, spend } = files();
  await importTransactions(page, transactions);

  const panel = page.getByTestId('channel-fit');
  await panel.getByTestId('spend-file').setInputFiles({ name: 'spend.csv', mimeType: 'text/csv', buffer: spend });
  await expect(panel.getByTestId('spend-read-as')).toContainText('long weekly spend, 2 channels (Search, E-mail)');
  // case-insensitive mapping, editable with the keyboard
  await expect(panel.getByLabel('Workbench channel for Search')).toHaveValue('search');
  await expect(panel.getByLabel('Workbench channel for E-mail')).toHaveValue('email');
  await panel.getByLabel('Workbench channel for E-mail').selectOption('');
  await expect(panel.getByTestId('spend-unmapped')).toContainText('Not used: E-mail');
  await panel.getByLabel('Workbench channel for E-mail').selectOption('email');
  await expect(panel.getByTestId('spend-unmapped')).toHaveCount(0);

  await panel.getByTestId('fit-channels').click();
  const table = panel.getByTestId('channel-fit-table');
  await expect(table).toContainText('Attributed fit, 104 weeks', { timeout: 30_000 });
  await expect(table.locator('tr[data-channel="search"]')).toBeVisible();
  await expect(table.locator('tr[data-channel="email"]')).toBeVisible();
  // the adstock decay of search, 0.5 in truth, shown with its standard error
  const decay = await table.locator('tr[data-channel="search"] td').nth(1).innerText();
  expect(Math.abs(Number(decay.split('±')[0]) - 0.5)).toBeLessThan(0.15);

  await panel.getByTestId('use-fitted').click();
  await expect(panel.getByTestId('fitted-status')).toContainText('assumptions are fitted from your data');

  await page.getByRole('link', { name: 'Assumptions' }).first().click();
  await expect(page.getByTestId('fitted-summary')).toContainText(/\d+ of \d+ effects measured on your data/);
  await expect(page.getByRole('row', { name: /search: adstock decay/ })).toContainText('fitted from your data');

  await page.getByTestId('fitted-summary').getByRole('button', { name: 'Remove fitted values' }).click();
  await expect(page.getByTestId('fitted-summary')).toHaveCount(0);
  await expect(page.getByRole('row', { name: /search: adstock decay/ })).not.toContainText('fitted from your data');
});

test('a spend file that does not cover 26 weeks of the transactions is refused with a reason', async ({ page }) => {
  const { transactions, spend } = files();
  await importTransactions(page, transactions);
  const short = spend
    .toString()
    .split('\n')
    .slice(0, 1 + 2 * 20)
    .join('\n');
  const panel = page.getByTestId('channel-fit');
  await panel
    .getByTestId('spend-file')
    .setInputFiles({ name: 'short.csv', mimeType: 'text/csv', buffer: Buffer.from(short) });
  await panel.getByTestId('fit-channels').click();
  await expect(panel.getByRole('alert')).toContainText('share 20 full weeks');
  await expect(panel.getByRole('alert')).toContainText('at least 26');
});
