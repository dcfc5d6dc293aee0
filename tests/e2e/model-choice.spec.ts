/**
 * The model choice end to end on a public data set: the CDNOW 1/10 sample (Fader, Hardie & Lee
 * 2005; ../shared/data/cdnow/CDNOW_sample.txt, read from DATA_DIR) is imported on the Data page
 * and put to use, the three models are compared on /model, another model is chosen, and the
 * workbench baseline (its KPIs, its source line) and the explain view follow the choice; the
 * customer table scored by the chosen model is downloaded as CSV. One customer id of the file is
 * rewritten to a spreadsheet formula, so the download must neutralise it.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, snapshot, answerUseItNow } from './fixtures';

const dataDir = resolve(process.env.DATA_DIR ?? '../shared/data');
const CDNOW = resolve(dataDir, 'cdnow/CDNOW_sample.txt');
/** a customer id that a spreadsheet would run as a formula */
const HOSTILE_ID = '=HYPERLINK("x")';

/** The number a KPI card shows ("1,234", "12.3%", "$4.5k"). */
async function kpi(page: Page, id: string): Promise<string> {
  return ((await page.locator(`[data-kpi="${id}"] .value`).textContent()) ?? '').trim();
}

async function openExplain(page: Page) {
  await page.locator('[data-kpi="clvPerNewCustomer"]').getByRole('button').click();
  const explain = page.getByRole('complementary', { name: 'Explain' });
  await expect(explain).toBeVisible();
  return explain;
}

test('the chosen model drives the workbench baseline and the explain view; the scored customers download', async ({
  page
}) => {
  test.setTimeout(240_000);
  expect(existsSync(CDNOW), `the CDNOW sample is needed at ${CDNOW} (set DATA_DIR)`).toBe(true);
  // master_id 00004 (the file's first customer) becomes a formula; the rest is the public file
  const text = readFileSync(CDNOW, 'utf8').replace(/^ 00004 /gm, ` ${HOSTILE_ID} `);

  await page.goto('/data');
  await expect(page.locator('tr[data-dataset^="Music retailer"]')).toBeVisible({ timeout: 60_000 });
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'CDNOW_sample.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  const form = page.locator('form.map');
  await form.getByLabel('Dataset name').fill('CDNOW sample');
  await form.getByRole('button', { name: 'Import' }).click();
  await answerUseItNow(page, 'Use it now');
  await page.getByRole('link', { name: 'Workbench' }).first().click();
  await expect(page.locator('.status')).toContainText('fitted to “CDNOW sample”', { timeout: 60_000 });
  await expect(page.getByTestId('dataset-in-use')).toContainText('2,357 customers');
  await expect(page.getByTestId('dataset-in-use')).toContainText('fitted BG/NBD');
  const before = { equity: await kpi(page, 'customerEquity'), retention: await kpi(page, 'retention1y') };
  let explain = await openExplain(page);
  await expect(explain.getByTestId('explain-model')).toContainText('Customer model: BG/NBD');
  await expect(explain.getByTestId('explain-model-params')).toContainText(
    /r = [\d.]+, alpha = [\d.]+, a = [\d.]+, b = /
  );

  // the comparison on /model, then a model other than BG/NBD
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Model fit', exact: true }).click();
  await page.getByTestId('run-evaluation').click();
  await expect(page.getByTestId('model-proposal')).toContainText('Proposed:', { timeout: 90_000 });
  for (const m of ['bgnbd', 'paretonbd', 'mbgnbd'])
    await expect(page.getByTestId(`rmse-${m}`)).toContainText(/\d\.\d+ \/ \d\.\d+ transactions/);
  await page.getByRole('radio', { name: /^Pareto\/NBD \(RMSE/ }).check();
  await page.getByTestId('use-model').click();
  await expect(page.getByTestId('dataset-in-use')).toContainText('customers scored by Pareto/NBD', {
    timeout: 60_000
  });

  // the scored customers, downloaded: the header, a row per customer, the formula neutralised
  await expect(page.getByTestId('scores-source')).toContainText('Pareto/NBD', { timeout: 60_000 });
  await expect(page.getByTestId('customer-count')).toContainText('2,357 of 2,357 customers shown');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-customers').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'));
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0].replace(/^\uFEFF/, '')).toMatch(
    /^Customer,x \(repeat purchases\),t_x \(weeks\),T \(weeks\),Mean repeat spend,P\(alive\),"Expected purchases, 52 wk"/
  );
  expect(lines.length - 1).toBe(2357);
  const hostile = lines.find((l) => l.includes('HYPERLINK'))!;
  expect(hostile, 'the rewritten customer is in the download').toBeTruthy();
  // a text cell that a spreadsheet would run starts with ' (inside its quotes), never with =
  expect(hostile).toMatch(/^"?'=HYPERLINK/);
  for (const line of lines.slice(1)) expect(line).not.toMatch(/^"?[=+\-@]/);
  await snapshot(page, 'model-choice-model');

  // the workbench follows: its source line, KPIs and explain view are Pareto/NBD's
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workbench', exact: true }).click();
  await expect(page.locator('.status')).toContainText('Pareto/NBD (chosen by holdout)', { timeout: 60_000 });
  await expect(page.getByTestId('dataset-in-use')).toContainText('fitted Pareto/NBD');
  await expect.poll(() => kpi(page, 'customerEquity'), { timeout: 30_000 }).not.toBe(before.equity);
  const after = { equity: await kpi(page, 'customerEquity'), retention: await kpi(page, 'retention1y') };
  expect(after.retention).not.toBe(before.retention);
  explain = await openExplain(page);
  await expect(explain.getByTestId('explain-model')).toContainText('Customer model: Pareto/NBD');
  await expect(explain.getByTestId('explain-model-params')).toContainText(
    /r = [\d.]+, alpha = [\d.]+, s = [\d.]+, beta = /
  );
  await expect(explain.getByTestId('explain-model')).toContainText('Schmittlein, Morrison & Colombo (1987)');
  await snapshot(page, 'model-choice-workbench');
  await explain.screenshot({ path: 'test-results/screenshots/model-choice-explain.png' });

  // the choice is stored with the dataset: after a reload the workbench still uses Pareto/NBD
  await page.reload();
  await expect(page.getByTestId('dataset-in-use')).toContainText('fitted Pareto/NBD', { timeout: 60_000 });
  await expect.poll(() => kpi(page, 'customerEquity'), { timeout: 30_000 }).toBe(after.equity);
});
