/**
 * The real-data gauntlet through the UI (issue 13 item 1), on synthetic edge files written
 * here: each is imported on the Data page, put to use, and the workbench must show finite
 * numbers, a 1-year retention strictly inside (0, 100%), finite CLV and customer equity, no
 * page error (the fixture fails on any console error), and a visible warning where the data
 * is thin. The public files go through the same fit step in tests/validate/pipeline/gauntlet.test.ts.
 * Each case prints the time from "Use it now" to the fitted workbench and what it showed.
 */
import type { Page } from '@playwright/test';
import { test, expect, snapshot, answerUseItNow } from './fixtures';

/** A deterministic generator (mulberry32), so each file is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const day = (start: string, offset: number) =>
  new Date(Date.parse(`${start}T00:00:00Z`) + Math.round(offset) * DAY).toISOString().slice(0, 10);

/** `customer,date,amount` rows: each customer's first purchase, then repeats at random days up to `span`. */
function csv(rows: [string, string, number][]): Buffer {
  return Buffer.from(
    ['customer,date,amount', ...rows.map(([c, d, a]) => `${c},${d},${a.toFixed(2)}`)].join('\n') + '\n'
  );
}

function shop(seed: number, customers: number, spanDays: number, repeats: (r: () => number) => number) {
  const r = rng(seed);
  const rows: [string, string, number][] = [];
  for (let c = 0; c < customers; c++) {
    const first = Math.floor(r() * spanDays * 0.6);
    rows.push([`c${c}`, day('2024-01-01', first), 10 + 40 * r()]);
    const n = repeats(r);
    for (let k = 0; k < n; k++)
      rows.push([`c${c}`, day('2024-01-01', first + 1 + r() * (spanDays - first - 1)), 10 + 40 * r()]);
  }
  return rows;
}

interface Case {
  name: string;
  file: () => Buffer;
  /** a warning that must be visible: in the dataset-in-use line or the fit diagnostics */
  warning: RegExp | null;
}

const CASES: Case[] = [
  {
    name: 'Five customers',
    file: () => csv(shop(1, 5, 200, (r) => Math.floor(r() * 4))),
    warning: /Thin data: only 5 customers/
  },
  {
    name: 'All one-time buyers',
    file: () => csv(shop(2, 120, 300, () => 0)),
    warning: /repeat purchase/i
  },
  {
    name: 'One customer with 500 purchases',
    file: () => {
      const rows = shop(3, 150, 365, (r) => (r() < 0.4 ? 1 + Math.floor(r() * 5) : 0));
      for (let k = 0; k < 500; k++) rows.push(['whale', day('2024-01-01', (k * 364) / 500), 20]);
      return csv(rows);
    },
    warning: null
  },
  {
    name: 'First purchases on the last day',
    file: () => {
      const rows = shop(4, 150, 365, (r) => (r() < 0.5 ? 1 + Math.floor(r() * 4) : 0));
      // 40 newcomers whose only purchase is on the file's last day (2024-12-30 = day 364)
      for (let k = 0; k < 40; k++) rows.push([`new${k}`, day('2024-01-01', 364), 15]);
      rows.push(['c0', day('2024-01-01', 364), 12]);
      return csv(rows);
    },
    warning: null
  },
  {
    name: 'A two-week span',
    file: () => csv(shop(5, 200, 14, (r) => (r() < 0.3 ? 1 : 0))),
    warning: /Thin data: purchases over only \d+ days/
  }
];

/** The number a KPI card shows, or null for "not defined here" / "—". */
async function shown(page: Page, id: string): Promise<{ text: string; value: number | null }> {
  const card = page.locator(`[data-kpi="${id}"]`);
  const text = ((await card.locator('.value').count()) ? await card.locator('.value').textContent() : '') ?? '';
  const m = text.replace(/[,\s$]/g, '').match(/^(−|-)?([\d.]+)([kMBT%]?)$/);
  if (!m) return { text, value: null };
  const scale: Record<string, number> = { '': 1, k: 1e3, M: 1e6, B: 1e9, T: 1e12, '%': 0.01 };
  return { text, value: (m[1] ? -1 : 1) * parseFloat(m[2]) * scale[m[3]] };
}

for (const c of CASES) {
  test(`gauntlet: ${c.name}`, async ({ page }) => {
    await page.goto('/data');
    await expect(page.locator('tr[data-dataset^="Music retailer"]')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('import-file').setInputFiles({ name: 'edge.csv', mimeType: 'text/csv', buffer: c.file() });
    const form = page.locator('form.map');
    await form.getByLabel('Dataset name').fill(c.name);
    await form.getByRole('button', { name: 'Import' }).click();
    const started = Date.now();
    await answerUseItNow(page, 'Use it now');
    await page.getByRole('link', { name: 'Workbench' }).first().click();
    await expect(page.locator('.status')).toContainText(`fitted to “${c.name}”`, { timeout: 45_000 });
    const fitMs = Date.now() - started;
    await expect(page.getByTestId('dataset-in-use')).toContainText(`Using: ${c.name}`);

    const retention = await shown(page, 'retention1y');
    const clv = await shown(page, 'clvPerNewCustomer');
    const equity = await shown(page, 'customerEquity');
    // strictly inside (0, 100%) as shown: neither rounds to an edge
    expect(retention.value, `1-year retention “${retention.text}”`).not.toBeNull();
    expect(retention.value!).toBeGreaterThan(0);
    expect(retention.value!).toBeLessThan(1);
    expect(Number.isFinite(clv.value), `CLV “${clv.text}”`).toBe(true);
    expect(Number.isFinite(equity.value), `equity “${equity.text}”`).toBe(true);
    // no figure on the cards is NaN, infinite or an e+ exponent
    for (const v of await page.locator('[data-kpi] .value').allTextContents())
      expect(v).not.toMatch(/NaN|Infinity|e\+/);
    await expect(page.locator('.status')).not.toContainText('not finite');

    const warnings = [
      ...(await page.getByTestId('dataset-in-use').locator('.thin').allTextContents()),
      ...(await page.getByTestId('fit-diagnostics').locator('ul.warnings li').allTextContents())
    ];
    if (c.warning) expect(warnings.join(' | ')).toMatch(c.warning);
    await snapshot(page, `gauntlet-${c.name.replace(/\W+/g, '-').toLowerCase()}`);
    console.log(
      `${c.name}: fit ${(fitMs / 1000).toFixed(1)} s, 1-year retention ${retention.text}, CLV per new customer ${clv.text}, ` +
        `equity ${equity.text}; warnings: ${warnings.map((w) => w.slice(0, 90)).join(' | ') || 'none'}`
    );
  });
}
