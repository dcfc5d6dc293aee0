/**
 * Chart exports as a reader gets them: the SVG and PNG carry the chart's title, legend
 * and a source line (dataset, scenario, date); the CSV is rounded as the table shows it,
 * unrounded with "full precision"; the tornado's labels fit at 1024 px and at 390 px
 * (screenshots in test-results/chart-exports/ to look at).
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function openWorkbench(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 45_000 });
  await expect(page.locator('.status')).toContainText('Baseline: BG/NBD');
}

function frameOf(page: Page, title: RegExp | string): Locator {
  return page
    .locator('figure')
    .filter({ has: page.getByRole('heading', { name: title }) })
    .first();
}

async function download(page: Page, button: Locator): Promise<string> {
  const pending = page.waitForEvent('download');
  await button.click();
  return readFile((await (await pending).path())!, 'utf8');
}

test('an exported SVG carries the title, the legend and the source line', async ({ page }) => {
  await openWorkbench(page);
  const frame = frameOf(page, 'Active customers');
  await frame.scrollIntoViewIfNeeded();
  await expect(frame.locator('[data-chart-legend] li').first()).toBeVisible();
  const legend = (await frame.locator('[data-chart-legend] li').allTextContents()).map((t) => t.trim());
  expect(legend.length).toBeGreaterThan(0);
  const svg = await download(page, frame.getByRole('button', { name: 'SVG', exact: true }));
  expect(svg).toContain('>Active customers</text>');
  for (const label of legend) expect(svg).toContain(`>${label}</text>`);
  const today = new Date().toISOString().slice(0, 10);
  // the source line may wrap onto two <text> lines
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
  expect(texts).toMatch(new RegExp(`Source: Lever Lab · dataset .+ · scenario My scenario · ${today}`));
  // the drawing itself is inside, under the title
  expect(svg).toMatch(/<svg[^>]+y="\d+"[^>]*overflow="visible"/);
  // the PNG is drawn from the same composed SVG (kept to look at)
  const png = page.waitForEvent('download');
  await frame.getByRole('button', { name: 'PNG', exact: true }).click();
  await (await png).saveAs('test-results/chart-exports/active-customers.png');
});

test('the CSV is rounded as the table shows it, and unrounded with full precision', async ({ page }) => {
  await openWorkbench(page);
  const frame = frameOf(page, 'Active customers');
  await frame.scrollIntoViewIfNeeded();
  const csvButton = frame.getByRole('button', { name: 'CSV', exact: true });
  const precision = frame.getByRole('checkbox', { name: 'full precision' });
  // the uncertainty bands arrive after the central line and add columns: compare two
  // downloads of the same table (same header)
  let shown = '';
  let full = '';
  const header = (csv: string) => csv.split('\r\n')[0];
  await expect
    .poll(
      async () => {
        await precision.uncheck();
        shown = await download(page, csvButton);
        await precision.check();
        full = await download(page, csvButton);
        return header(shown) === header(full) && shown.split('\r\n').length === full.split('\r\n').length;
      },
      { timeout: 60_000 }
    )
    .toBe(true);
  const cells = (csv: string) =>
    csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .flatMap((l) => l.split(',').slice(1))
      .map(Number);
  const a = cells(shown);
  const b = cells(full);
  expect(a.length).toBe(b.length);
  // the shown numbers have fewer digits than the full ones, and agree with them to the shown rounding
  const digits = (xs: number[]) => xs.reduce((s, x) => s + String(x).replace(/[^\d]/g, '').length, 0);
  expect(digits(a)).toBeLessThan(digits(b));
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(0.06 * Math.abs(b[i]) + 1e-9);
});

for (const width of [1024, 390]) {
  test(`the tornado's labels fit at ${width} px`, async ({ page }) => {
    test.setTimeout(150_000); // the sensitivity runs after the workbench settles (slow on a loaded machine)
    await page.setViewportSize({ width, height: 900 });
    await openWorkbench(page);
    const frame = frameOf(page, /^What moves/);
    const svg = frame.locator('.plot svg').first();
    // the chart draws once its swings are computed and it is on screen; the charts above
    // it draw as they come into view too and can move it, so scroll to it until it shows
    await expect(frame.getByText(/\d+ evaluations/)).toBeVisible({ timeout: 120_000 });
    await expect(async () => {
      await frame.scrollIntoViewIfNeeded();
      await expect(svg).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(frame.locator('.plot svg text').first()).toBeVisible();
    // every text of the chart lies inside the figure (nothing cut at its edges)
    const box = (await frame.boundingBox())!;
    const outside = await frame.locator('.plot svg text').evaluateAll(
      (texts, b) =>
        texts
          .map((t) => ({ t: t.textContent ?? '', r: t.getBoundingClientRect() }))
          .filter(({ r }) => r.width > 0 && (r.left < b.x - 1 || r.right > b.x + b.width + 1))
          .map(({ t }) => t),
      box
    );
    expect(outside, 'texts outside the figure').toEqual([]);
    await frame.screenshot({ path: `test-results/chart-exports/tornado-${width}.png` });
  });
}
