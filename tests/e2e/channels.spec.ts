import { test, expect, answerUseItNow } from './fixtures';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

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

  // the optimiser says it runs on the fitted curves (and the bands draw them from the covariance)
  await page.getByRole('link', { name: 'Optimise' }).first().click();
  await expect(page.getByTestId('optimise-curves')).toContainText(
    /Response curves of search, email: fitted from your data \(\d{4}-\d\d-\d\d\); the optimiser uses their fitted values/
  );
  await page.screenshot({ path: 'test-results/optimise-fitted-curves.png' });

  await page.getByRole('link', { name: 'Assumptions' }).first().click();
  await expect(page.getByTestId('fitted-summary')).toContainText(/\d+ of \d+ effects measured on your data/);
  await expect(page.getByRole('row', { name: /search: adstock decay/ })).toContainText('fitted from your data');

  await page.getByTestId('fitted-summary').getByRole('button', { name: 'Remove fitted values' }).click();
  await expect(page.getByTestId('fitted-summary')).toHaveCount(0);
  await expect(page.getByRole('row', { name: /search: adstock decay/ })).not.toContainText('fitted from your data');
  await page.getByRole('link', { name: 'Optimise' }).first().click();
  await expect(page.getByTestId('optimise-curves')).toContainText("the registry's illustrative values");
});

test('lift tests: a lever test becomes its assumption (origin your test), a channel test enters the channel fit', async ({
  page
}) => {
  const { transactions, spend } = files();
  await importTransactions(page, transactions);
  const lift = page.getByTestId('lift-tests');
  // a bad row is refused with its line named, and nothing is stored
  await lift.getByTestId('lift-test-file').setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'lever_or_assumption_id,control_size,control_conversions,treatment_size,treatment_conversions,start,end\nloyalty.rateLift,500,620,500,40,2025-01-01,2025-02-01\n'
    )
  });
  await expect(lift.getByTestId('lift-test-error')).toContainText(
    'line 2: control_conversions 620 exceeds control_size 500'
  );
  await expect(lift.getByTestId('lift-tests-read')).toHaveCount(0);
  // examples/lift-tests.csv plus a 4-week search test drawn from the truth above: baseline
  // 3000 a week (adstock 6000 = K, 20 a week), +1500 a week -> 25.9 a week, lift 5.9 a week
  const text =
    readFileSync('examples/lift-tests.csv', 'utf8').trimEnd() +
    '\n' +
    'channel,start,end,spend_change,incremental_customers,se,baseline_spend_per_week,note\n' +
    'search,2024-06-03,2024-06-30,6000,23.6,5,3000,geo test\n';
  // two headers in one file are not one table: the channel test goes in its own file
  const [leverPart, channelPart] = text.split('channel,start');
  await lift
    .getByTestId('lift-test-file')
    .setInputFiles({ name: 'lift-tests.csv', mimeType: 'text/csv', buffer: Buffer.from(leverPart) });
  await expect(lift.getByTestId('lift-tests-read')).toContainText('4 lever tests, 0 channel tests');
  const row = lift.getByTestId('lever-tests-table').locator('tr[data-assumption="loyalty.rateLift"]');
  // RR - 1 = 702/610 - 1 = 15.1%, Katz interval 4.0% to 27.3% (unit test of lift-tests.ts)
  await expect(row).toContainText('15.1%');
  await expect(row).toContainText('4.0% to 27.3%');
  await lift.getByTestId('use-lift-tests').click();
  await expect(lift.getByTestId('lift-status')).toContainText('4 assumptions come from your tests');

  await page.getByRole('link', { name: 'Assumptions' }).first().click();
  await expect(page.getByTestId('fitted-summary')).toContainText('(4 by your lift tests)');
  const assumption = page.locator('tr[data-assumption="loyalty.rateLift"]');
  await expect(assumption).toContainText('your test, 2025-04-27');
  await expect(assumption.getByTestId('origin-tag')).toHaveText('your test');
  await page.screenshot({ path: 'test-results/lift-tests-assumptions.png', fullPage: false });

  // the channel test, stored with the dataset, narrows the search fit
  await page.getByRole('link', { name: 'Data' }).first().click();
  await lift.getByTestId('lift-test-file').setInputFiles({
    name: 'search-test.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('channel,start' + channelPart)
  });
  await expect(lift.getByTestId('lift-tests-read')).toContainText('0 lever tests, 1 channel test');
  const panel = page.getByTestId('channel-fit');
  await panel.getByTestId('spend-file').setInputFiles({ name: 'spend.csv', mimeType: 'text/csv', buffer: spend });
  await panel.getByTestId('fit-channels').click();
  const table = panel.getByTestId('channel-fit-table');
  await expect(table).toContainText('Attributed fit, 104 weeks', { timeout: 30_000 });
  await expect(table.locator('tr[data-channel="search"] [data-testid="fit-lift-tests"]')).toHaveText('1');
  await expect(table.locator('tr[data-channel="email"] [data-testid="fit-lift-tests"]')).toHaveText('0');
  // the views: actual vs fitted weekly, the curve with its band, CAC and marginal CAC
  const views = panel.getByTestId('channel-fit-views');
  await views.getByTestId('fit-view-channel').selectOption('search');
  await expect(views.getByRole('heading', { name: 'Response curve of search, with its 95% band' })).toBeVisible();
  const cac = views.getByTestId('channel-cac-table').locator('tr[data-channel="search"]');
  await expect(cac).toContainText('±');
  await views.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/channel-fit-views.png', fullPage: true });
  await lift.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/lift-tests-data.png', fullPage: true });
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
