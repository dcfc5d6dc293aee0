/**
 * One clear rule for the dataset in use (issue 13 item 6): every page names it, an import
 * asks "Use it now?" (a modal: focus inside, Escape = no), the choice survives a reload at
 * once, deleting the dataset in use says where it switched, and thin data is warned about.
 */
import { test, expect, snapshot } from './fixtures';

/** five customers over two weeks: too few and too short */
function tinyCsv(): Buffer {
  const rows = ['customer,date,amount'];
  for (let c = 1; c <= 5; c++) {
    rows.push(`c${c},2024-03-0${c},${10 + c}`);
    if (c % 2) rows.push(`c${c},2024-03-${10 + c},${5 + c}`);
  }
  return Buffer.from(rows.join('\n') + '\n', 'utf8');
}

test('an import asks before it is used, the choice persists, and the line on every page follows it', async ({
  page
}) => {
  await page.goto('/data');
  const inUse = page.getByTestId('dataset-in-use');
  await expect(inUse).toContainText(/Using: Music retailer.* · 10,000 customers · fitted BG\/NBD/, {
    timeout: 60_000
  });

  await page.getByTestId('import-file').setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: tinyCsv() });
  await page.locator('form.map').getByLabel('Dataset name').fill('Tiny shop');
  await page.locator('form.map').getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Use it now?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('“Tiny shop” (5 customers) is saved');
  await expect(dialog).toContainText(/Not now keeps “Music retailer/);
  // the focus is inside and stays inside: Tab cycles through the dialog's own buttons
  const focused = () =>
    page.evaluate(() => (document.activeElement?.closest('dialog') ? document.activeElement.textContent : null));
  await expect.poll(focused).toBe('Not now'); // the answer that changes nothing first
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('Use it now');
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('Not now');
  await page.keyboard.press('Shift+Tab');
  expect(await focused()).toBe('Use it now');
  await snapshot(page, 'in-use-dialog');
  await page.keyboard.press('Escape'); // Escape is "Not now"
  await expect(dialog).toBeHidden();
  await expect(inUse).toContainText('Using: Music retailer');

  // used from the list: the line, the thin-data warning, and the choice kept over a reload
  await page.locator('tr[data-dataset="Tiny shop"]').getByRole('button', { name: 'Use' }).click();
  await expect(inUse).toContainText('Using: Tiny shop · 5 customers · fitted BG/NBD', { timeout: 45_000 });
  await expect(inUse).toContainText('Thin data: only 5 customers and purchases over only 15 days');
  await page.reload();
  await expect(inUse).toContainText('Using: Tiny shop', { timeout: 45_000 });
  for (const path of ['/', '/compare', '/optimise', '/assumptions']) {
    await page
      .getByRole('link', { name: path === '/' ? 'Workbench' : path.slice(1), exact: false })
      .first()
      .click();
    await expect(inUse).toContainText('Using: Tiny shop');
    await expect(inUse).toContainText('Thin data');
  }
  await snapshot(page, 'in-use-thin-workbench');

  // deleting the dataset in use: the switch is announced before and after
  await page.getByRole('link', { name: 'Data' }).first().click();
  await page.getByRole('button', { name: 'Delete Tiny shop' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete dataset?' });
  await expect(confirm).toContainText(/It is the dataset in use: the workbench will use “Music retailer.*” next/);
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(inUse).toContainText(
    /“Tiny shop”, the dataset in use, was deleted: the workbench now uses “Music retailer/
  );
  await expect(inUse).toContainText('Using: Music retailer', { timeout: 45_000 });
});
