/**
 * The classroom on a class's own data: a notebook bound to an imported dataset runs on that
 * dataset's fit (its numbers are not the built-in sample's), says in place what a cell needs
 * that the dataset lacks, and keeps the binding over a reload until it is removed; and a
 * notebook written in the app shows its errors by line, saves, survives a reload and exports.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, snapshot, answerUseItNow } from './fixtures';

test.describe.configure({ timeout: 120_000 });

const LESSON = '/notebooks/08-which-channel-brings-customers-who-stay';

/** 400 customers over 2024 (no channel column): a fixed, reproducible purchase log. */
function ordersCsv(): Buffer {
  const lines = ['customer,date,amount'];
  let s = 12345;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let c = 0; c < 400; c++) {
    let day = Math.floor(rand() * 90);
    const gap = 10 + Math.floor(rand() * 60);
    const life = Math.floor(rand() * 300);
    const start = day;
    while (day < 360 && day - start <= life) {
      const d = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      lines.push(`K${1000 + c},${d},${(15 + rand() * 80).toFixed(2)}`);
      day += Math.max(1, Math.round(gap * (0.5 + rand())));
    }
  }
  return Buffer.from(lines.join('\n') + '\n');
}

async function importOrders(page: Page, name: string): Promise<void> {
  await page.goto('/data');
  await expect(page.locator('tr[data-dataset^="Music retailer"]')).toBeVisible({ timeout: 60_000 });
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: ordersCsv() });
  const form = page.locator('form.map');
  await expect(form.getByLabel('Customer id *')).toHaveValue('0');
  await form.getByLabel('Dataset name').fill(name);
  await form.getByRole('button', { name: 'Import' }).click();
  await answerUseItNow(page, 'Not now');
  await expect(page.locator(`tr[data-dataset="${name}"]`)).toBeVisible();
}

/** axe-core (bundled, nothing fetched): serious and critical WCAG 2.1 AA violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')}`
    );
}

/** Chooses the stored dataset whose option names it. */
async function choose(page: Page, name: string): Promise<void> {
  const select = page.getByRole('region', { name: 'Run this lesson on my data' }).getByLabel('Dataset');
  const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
  await select.selectOption(value!);
}

/** The value of a new customer under today's plan, as the lesson's prose says it. */
const planValue = (page: Page) => page.locator('p', { hasText: "under today's plan" }).locator('.nb-value').first();

test('a notebook bound to an imported dataset runs on its fit and says what the data lacks', async ({ page }) => {
  await importOrders(page, 'Class orders');

  await page.goto(LESSON);
  const picker = page.getByRole('region', { name: 'Run this lesson on my data' });
  await expect(picker.getByRole('status')).toContainText('built-in data');
  await expect(planValue(page)).not.toHaveClass(/nb-pending/);
  const builtIn = (await planValue(page).textContent())!.trim();
  expect(builtIn).toMatch(/\d/);
  await expect(page.locator('.missing-data')).toHaveCount(0);

  await choose(page, 'Class orders');
  await picker.getByRole('button', { name: 'Run this lesson on my data' }).click();
  await expect(picker.getByRole('status')).toContainText('Running on Class orders', { timeout: 60_000 });
  await expect(page.locator('.meta')).toContainText('your data: Class orders');
  await expect(planValue(page)).not.toHaveClass(/nb-pending/);
  const bound = (await planValue(page).textContent())!.trim();
  expect(bound).toMatch(/\d/);
  expect(bound).not.toBe(builtIn);

  // the spend-needing table names what is missing and how to add it
  const spend = page.locator('.missing-data[data-missing*="spend"]').first();
  await expect(spend).toBeVisible();
  await expect(spend).toContainText('"Class orders" has no marketing spend history');
  await expect(spend).toContainText('weekly spend file per channel on the Data page');
  // cells on the channel scenarios say the dataset has no channels
  await expect(page.locator('.block[data-kind="chart"] .missing-data')).toContainText(
    'has no acquisition channel per customer'
  );
  await expect(page.locator('.block[data-kind="lever"] .missing-data')).toContainText(
    'import the data again with a channel column'
  );
  await snapshot(page, 'classroom-bound-no-channels');
  expect(await seriousViolations(page)).toEqual([]);

  // the binding is remembered over a reload
  await page.reload();
  await expect(picker.getByRole('status')).toContainText('Running on Class orders', { timeout: 60_000 });
  await expect(planValue(page)).toHaveText(bound);

  // on the music sample (four channels) the channel cells run; spend is still missing
  await choose(page, 'Music retailer');
  await picker.getByRole('button', { name: 'Run this lesson on my data' }).click();
  await expect(picker.getByRole('status')).toContainText('Running on Music retailer', { timeout: 60_000 });
  await expect(page.locator('.block[data-kind="chart"] .missing-data')).toHaveCount(0);
  await expect(page.locator('.block[data-kind="chart"] svg').first()).toBeVisible();
  await expect(page.locator('table').first()).toContainText('×');
  await expect(page.locator('.missing-data')).toHaveCount(1);
  await snapshot(page, 'classroom-bound-music-sample');

  // removed: back to the built-in numbers
  await picker.getByRole('button', { name: 'Remove the binding' }).click();
  await expect(picker.getByRole('status')).toContainText('built-in data');
  await expect(planValue(page)).toHaveText(builtIn);
  await page.reload();
  await expect(picker.getByRole('status')).toContainText('built-in data');
});

test('a notebook written in the app shows errors by line, saves, survives a reload and exports', async ({ page }) => {
  await page.goto('/notebooks');
  await page.getByRole('link', { name: 'Write a new notebook' }).click();
  await expect(page).toHaveURL(/\/notebooks\/imported%3Amy-notebook\/edit$/);
  const editor = page.getByLabel('Notebook source (Markdown with fenced cells)');
  await expect(editor).toHaveValue(/title: My notebook/);

  const good = [
    '---',
    'title: Our class notebook',
    'summary: A price cut and what it does to a new customer.',
    'audience: teacher',
    'dataset: sample:music',
    '---',
    '',
    '```scenario id=cut',
    'levers.pricing.priceChange = -10%',
    '```',
    '',
    'A new customer is worth {{kpi clvPerNewCustomer scenario=cut}} after the cut.',
    '',
    '```kpis scenario=cut,baseline kpis=clvPerNewCustomer```',
    ''
  ].join('\n');
  // line 9 misspells the lever
  await editor.fill(good.replace('levers.pricing.priceChange', 'levers.pricing.priceChang'));
  const errors = page.locator('.errors');
  await expect(errors).toContainText('1 error');
  await expect(errors).toContainText('line 9:');
  await expect(errors).toContainText('levers.pricing.priceChang');
  // the preview follows: the broken cell shows its error with the line, in place
  await expect(page.locator('.preview .preview-title')).toHaveText('Our class notebook');
  await expect(page.locator('.preview .cell-error').first()).toContainText('line 9:');
  await snapshot(page, 'classroom-editor-error');
  expect(await seriousViolations(page)).toEqual([]);
  // choosing the error selects its line in the editor
  await errors.getByRole('button', { name: /line 9:/ }).click();
  await expect(editor).toBeFocused();
  expect(await editor.evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd))).toBe(
    'levers.pricing.priceChang = -10%'
  );
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Not saved' })).toContainText('line 9');

  await editor.fill(good);
  await expect(errors).toContainText('No errors');
  await expect(page.locator('.preview .nb-value').first()).toHaveText(/\d/);
  // saved from the keyboard, in the editor
  await editor.focus();
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText('Our class notebook');

  // an unsaved edit is kept as a draft over a reload
  await editor.fill(good.replace('after the cut.', 'after the cut (draft).'));
  await page.waitForTimeout(600);
  await page.reload();
  await expect(editor).toHaveValue(/after the cut \(draft\)\./);
  await expect(page.getByRole('status').filter({ hasText: 'unsaved changes were kept' })).toBeVisible();
  await page.getByRole('button', { name: 'Discard unsaved changes' }).click();
  await expect(editor).toHaveValue(good);
  await page.reload();
  await expect(editor).toHaveValue(good);
  await expect(page.locator('.toolbar .state')).toHaveText('Saved');
  await snapshot(page, 'classroom-editor-saved');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export .md' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('my-notebook.md');
  const text = await new Promise<string>((resolve, reject) => {
    void file.createReadStream().then((stream) => {
      let out = '';
      stream.on('data', (c: Buffer) => (out += c.toString('utf8')));
      stream.on('end', () => resolve(out));
      stream.on('error', reject);
    }, reject);
  });
  expect(text).toBe(good);

  // the saved notebook is on the list and opens
  await page.goto('/notebooks');
  await page.getByRole('link', { name: 'Open Our class notebook' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Our class notebook' })).toBeVisible();
  await expect(page.locator('.nb-value').first()).toHaveText(/\d/);
});

test('a built-in notebook is copied to edit', async ({ page }) => {
  await page.goto('/notebooks/03-pricing-churn');
  await page.getByRole('link', { name: 'Copy to edit' }).click();
  await expect(page).toHaveURL(/\/notebooks\/imported%3A03-pricing-churn-copy\/edit$/);
  await expect(page.getByLabel('Notebook source (Markdown with fenced cells)')).toHaveValue(/title: .+ \(copy\)/);
  await expect(page.locator('.errors')).toContainText('No errors');
  await expect(page.locator('.preview .nb-value').first()).toHaveText(/\d/);
  await snapshot(page, 'classroom-editor-copy');
  // not saved: the list offers the draft to continue, and a second copy does not overwrite it
  await page.goto('/notebooks');
  const drafts = page.getByRole('region', { name: 'Unsaved drafts' });
  await expect(drafts.getByRole('link', { name: /\(copy\)$/ })).toHaveAttribute(
    'href',
    '/notebooks/imported%3A03-pricing-churn-copy/edit'
  );
  await page.goto('/notebooks/03-pricing-churn/edit');
  await expect(page).toHaveURL(/\/notebooks\/imported%3A03-pricing-churn-copy-2\/edit$/);
});
