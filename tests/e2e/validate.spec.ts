import AxeBuilder from '@axe-core/playwright';
import { test, expect, snapshot } from './fixtures';
import { syntheticCdnow } from '../unit/validate/synthetic-cdnow';

test('the validation page reproduces the published sBG and BG/BB fits on load', async ({ page }) => {
  await page.goto('/validate');
  await expect(page.getByRole('heading', { level: 1, name: 'Validation' })).toBeVisible();
  // Fader & Hardie (2007) sBG, two cohorts x (alpha, beta, years 8-12) = 14; FHS (2010) BG/BB = 6
  await expect(page.getByTestId('validate-summary')).toContainText('20 of 20 checks pass');
  const table = page.getByRole('table', { name: 'sBG and BG/BB: published vs reproduced' });
  await expect(table.locator('tr[data-pass="true"]')).toHaveCount(20);
  await expect(table.locator('tr[data-check="sbg.regular.alpha"]')).toContainText('0.704');
  await expect(table.locator('tr[data-check="bgbb.logLik"]')).toContainText('33,225.6');
  for (const name of ['sBG retention: actual vs fitted', 'BG/BB: donors by repeat donations']) {
    await expect(page.getByRole('figure', { name }).locator('svg').first()).toBeVisible();
  }
});

test('a CDNOW-format file is read in a worker and its checks and figures are shown', async ({ page }) => {
  await page.goto('/validate');
  await expect(page.getByTestId('validate-summary')).toContainText('20 of 20 checks pass');

  // not CDNOW: a seeded BG/NBD simulation in the CDNOW_sample.txt format (no header, whitespace, YYYYMMDD)
  const file = syntheticCdnow(300, 11);
  await page.getByLabel(/Load CDNOW_sample\.txt/).setInputFiles({
    name: 'synthetic_cdnow.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(file.text, 'utf8')
  });

  const table = page.getByRole('table', { name: 'CDNOW: published vs reproduced' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('cdnow-source')).toContainText('300 customers');
  // every published row renders with a reproduced value; the customer count cannot match CDNOW's 2,357
  for (const id of ['cdnow.customers', 'bgnbd.r', 'bgnbd.logLik', 'paretonbd.beta', 'gammagamma.p']) {
    await expect(table.locator(`tr[data-check="${id}"] td`).nth(1)).not.toHaveText('—');
  }
  await expect(table.locator('tr[data-check="cdnow.customers"]')).toHaveAttribute('data-pass', 'false');
  await expect(table.locator('tr[data-check="cdnow.customers"]')).toContainText('300');
  await expect(page.getByTestId('validate-summary')).toContainText(/of 37 checks pass/);
  await expect(page.getByTestId('validate-summary')).toContainText('published tables: 20 of 20 checks pass');

  for (const name of [
    'Tracking: cumulative repeat transactions',
    'Calibration frequency: actual vs expected',
    'Calibration vs holdout'
  ]) {
    await expect(page.getByRole('figure', { name }).locator('svg').first()).toBeVisible();
  }
  // the tables and charts of the loaded results are accessible too (the route scan sees only the page on load);
  // same bar as tests/e2e/a11y.spec.ts: no serious or critical violations, charts included
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.html.slice(0, 120)}`);
  expect(serious).toEqual([]);
  await snapshot(page, 'validate');
});
