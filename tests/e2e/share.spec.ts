/**
 * Share links carry the data's fingerprint (issue 13 item 7): opened on other data, the
 * workbench says so and shows the sender's KPIs next to the recipient's. Compare links
 * carry their scenarios themselves, so they show the same comparison in another browser.
 */
import type { Page } from '@playwright/test';
import { test, expect, snapshot, useExampleMediaPlan } from './fixtures';

async function openWorkbench(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 45_000 });
}

async function shareLink(page: Page): Promise<string> {
  await page.getByText('Share', { exact: true }).click();
  const url = await page.getByTestId('share-url').inputValue();
  await page.keyboard.press('Escape');
  return url;
}

test('a share link opened on other data says so and shows the sender’s KPIs beside the recipient’s', async ({
  page,
  browser
}) => {
  await openWorkbench(page);
  await useExampleMediaPlan(page);
  const url = new URL(await shareLink(page));
  const params = new URLSearchParams(url.hash.slice(1));
  const d = JSON.parse(Buffer.from(params.get('d')!, 'base64url').toString('utf8'));
  expect(d.dataset).toMatch(/^Music retailer/);
  expect(d.customers).toBe(10_000);
  expect(d.fit).toMatch(/^[0-9a-f]{8}$/);
  expect(Number.isFinite(d.kpis.clvPerNewCustomer)).toBe(true);

  // the same link on the same data: nothing to say
  const same = await browser.newContext();
  const samePage = await same.newPage();
  await samePage.addInitScript(() => localStorage.setItem('lever-lab:tour-seen', '1'));
  await samePage.goto(url.toString());
  await expect(samePage.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 45_000 });
  await expect(samePage.getByTestId('shared-other-data')).toHaveCount(0);
  await same.close();

  // as sent from another shop: the sender's fingerprint, with the issue's $61.20 CLV
  const other = {
    ...d,
    dataset: 'Apparel shop',
    customers: 600,
    fit: '0badf00d',
    kpis: { ...d.kpis, clvPerNewCustomer: 61.2 }
  };
  params.set('d', Buffer.from(JSON.stringify(other)).toString('base64url'));
  url.hash = params.toString();
  const ctx = await browser.newContext();
  const p2 = await ctx.newPage();
  await p2.addInitScript(() => localStorage.setItem('lever-lab:tour-seen', '1'));
  await p2.goto(url.toString());
  const box = p2.getByTestId('shared-other-data');
  await expect(box).toBeVisible({ timeout: 45_000 });
  await expect(box).toContainText('This link was made on other data');
  await expect(box).toContainText('Sent from “Apparel shop” (600 customers, fit 0badf00d)');
  await expect(box).toContainText(/here the levers act on “Music retailer/);
  const row = box.locator('tr[data-kpi-row="clvPerNewCustomer"] td');
  await expect(row.nth(0)).toHaveText('$61.20');
  await expect(row.nth(1)).toHaveText(/^\$\d+\.\d\d$/);
  // the levers still arrive
  await expect(p2.getByRole('textbox', { name: /^Budget: search/ })).toHaveValue('3000');
  await snapshot(p2, 'share-other-data');
  await ctx.close();
});

test('a Compare link carries its scenarios and shows the same comparison in a fresh browser', async ({
  page,
  browser
}) => {
  await openWorkbench(page);
  await page.goto('/compare?s=example-seed-media,baseline');
  const table = page.getByRole('table', { name: 'KPIs by scenario' });
  await expect(table.locator('thead th').nth(1)).toHaveText('Example: seed media plan (reference)', {
    timeout: 45_000
  });
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByTestId('compare-url').inputValue();
  expect(link).toMatch(/\/compare#c=[\w-]+$/);
  const costs = await table.locator('tr[data-kpi-row="costs"] td').nth(0).locator('.value').textContent();

  const ctx = await browser.newContext();
  const fresh = await ctx.newPage();
  await fresh.addInitScript(() => localStorage.setItem('lever-lab:tour-seen', '1'));
  await fresh.goto(link);
  const t2 = fresh.getByRole('table', { name: 'KPIs by scenario' });
  await expect(t2.locator('thead th').nth(1)).toHaveText('Example: seed media plan (reference)', { timeout: 60_000 });
  await expect(t2.locator('thead th').nth(2)).toHaveText('Baseline (no levers)');
  await expect(t2.locator('tr[data-kpi-row="costs"] td').nth(0).locator('.value')).toHaveText(costs ?? '');
  await snapshot(fresh, 'compare-link-fresh');
  await ctx.close();

  // a tampered link is refused with the field named
  const bad = Buffer.from(JSON.stringify([{ version: 1, levers: { pricing: { priceChange: 9 } } }])).toString(
    'base64url'
  );
  await page.goto(`/compare#c=${bad}`);
  await expect(page.getByRole('alert')).toContainText('scenario 1: levers.pricing.priceChange: 9 (must be <= 1)');
});
