import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';

/**
 * The printable report: opened from the workbench with a lever moved, it shows the scenarios,
 * KPIs with bands, charts, the data and fit, and the assumptions with sources; printed by
 * Chromium to PDF on A4 and on Letter, each page rendered to PNG (poppler's pdftoppm) into
 * test-results/report/ to be looked at, and the PDF's text checked for what a reader needs.
 */
const OUT = 'test-results/report';

function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info) ?? [];
  return { pages, width: Number(w), height: Number(h) };
}

test('the report of a scenario prints on A4 and Letter with its figures, bands, charts and sources', async ({
  page
}) => {
  await page.goto('/');
  await expect(page.locator('.status')).toContainText('fitted', { timeout: 60_000 });
  const price = page.getByRole('textbox', { name: /^List price change/ });
  await price.fill('5');
  await price.press('Enter');
  await page.getByRole('link', { name: 'Report' }).click();
  await expect(page).toHaveURL(/\/report\?s=baseline,working/);
  const report = page.locator('article.report');
  await expect(report).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(report.getByRole('heading', { name: 'Lever Lab report' })).toBeVisible();
  await expect(report).toContainText('List price change: 5%');
  await expect(report.locator('[data-kpi-row="clvPerNewCustomer"]')).toContainText('10–90%:');
  await expect(report.locator('figure svg, svg').first()).toBeVisible();
  await expect(report.locator('tr[data-assumption]').first()).toBeVisible();

  mkdirSync(OUT, { recursive: true });
  await page.emulateMedia({ media: 'print' });
  for (const [format, width, height] of [
    ['A4', 595, 842],
    ['Letter', 612, 792]
  ] as const) {
    const file = path.join(OUT, `report-${format}.pdf`);
    writeFileSync(file, await page.pdf({ format, printBackground: true }));
    const info = pdfInfo(file);
    // A4 is 210 x 297 mm = 595.3 x 841.9 pt, Letter 8.5 x 11 in = 612 x 792 pt (Chromium rounds to its own grid)
    expect(Math.abs(info.width - width)).toBeLessThan(2);
    expect(Math.abs(info.height - height)).toBeLessThan(2);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    expect(info.pages).toBeLessThanOrEqual(7);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const words of [
      'Lever Lab report',
      'Key figures',
      'Projections',
      'Assumptions and their sources',
      'Music retailer'
    ])
      expect(text, `${format}: ${words}`).toContain(words);
    // the app's navigation and the chart export buttons are not printed
    expect(text).not.toContain('Notebooks');
    expect(text).not.toMatch(/\bSVG\s+PNG\s+CSV\b/);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(OUT, `report-${format}`)]);
  }
  expect(readdirSync(OUT).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(4);
});
