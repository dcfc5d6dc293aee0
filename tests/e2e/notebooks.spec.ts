/**
 * Notebooks in the browser: every bundled notebook opens with no cell errors, its
 * levers move the numbers in the text, answers are revealed on request, the print
 * view shows answers and values instead of controls, and an imported .md file is
 * validated before it is kept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, snapshot } from './fixtures';

const DIR = join(process.cwd(), 'notebooks');
const slugs = readdirSync(DIR)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => f.replace(/\.md$/, ''));

test('the notebook list shows every notebook with Open and Print', async ({ page }) => {
  await page.goto('/notebooks');
  await expect(page.getByRole('heading', { level: 1, name: 'Notebooks' })).toBeVisible();
  for (const slug of slugs) {
    await expect(page.locator(`a[href="/notebooks/${slug}"]`).first()).toBeVisible();
    await expect(page.locator(`a[href="/notebooks/${slug}?print"]`)).toBeVisible();
  }
  await expect(page.getByLabel('Import .md')).toBeVisible();
  await snapshot(page, 'notebooks-list');
});

for (const slug of slugs) {
  test(`the notebook ${slug} renders without cell errors`, async ({ page }) => {
    await page.goto(`/notebooks/${slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.nb-value').first()).toBeVisible();
    await expect(page.locator('.cell-error')).toHaveCount(0);
    await snapshot(page, `notebook-${slug}`);
  });
}

test('moving a lever updates the numbers in the text', async ({ page }) => {
  await page.goto('/notebooks/03-pricing-churn');
  const slider = page.getByLabel('Share of weeks with a promotion');
  const value = page.locator('.nb-value[title="delta contribution scenario=promo base=today"]');
  const before = await value.textContent();
  await slider.fill('0.1');
  await expect(value).not.toHaveText(before ?? '');
  await expect(page.locator('.cell-error')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Reset the levers you moved' })).toBeVisible();
});

test('an answer is hidden until the reader asks for it', async ({ page }) => {
  await page.goto('/notebooks/01-counting-customers');
  const first = page.locator('.question-cell').first();
  await expect(first.locator('.answer')).toBeHidden();
  await first.getByRole('button', { name: 'Show the answer' }).click();
  await expect(first.locator('.answer')).toBeVisible();
});

test('the print view reveals answers and shows lever values instead of sliders', async ({ page }) => {
  await page.goto('/notebooks/05-personalisation-privacy?print');
  await expect(page.locator('.cell-error')).toHaveCount(0);
  await expect(page.locator('input[type="range"]')).toHaveCount(0);
  await expect(page.locator('.question-cell .answer').first()).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await snapshot(page, 'notebook-print');
});

test('a scenario cell opens in the workbench with the scenario in the URL', async ({ page }) => {
  await page.goto('/notebooks/04-channel-mix');
  const link = page.getByRole('link', { name: 'Open in workbench' }).first();
  await expect(link).toHaveAttribute('href', /^\/\?scenario=[A-Za-z0-9_-]+$/);
});

test('importing a notebook with an error shows the line and keeps nothing; a valid one is listed', async ({ page }) => {
  await page.goto('/notebooks');
  const input = page.getByLabel('Import .md');
  await input.setInputFiles({
    name: 'broken.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('---\ntitle: Broken\n---\n```kpis scenario=a kpis=happiness```\n')
  });
  await expect(page.locator('.import [role="alert"]')).toContainText('line 4');
  const good = readFileSync(join(DIR, `${slugs[0]}.md`), 'utf8').replace(/^title: .*$/m, 'title: My imported lesson');
  await input.setInputFiles({ name: 'mine.md', mimeType: 'text/markdown', buffer: Buffer.from(good) });
  await expect(page.locator('.import [role="status"]')).toContainText('Imported "My imported lesson"');
  await page.getByRole('link', { name: 'Open My imported lesson' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My imported lesson' })).toBeVisible();
  await expect(page.locator('.cell-error')).toHaveCount(0);
});
