import AxeBuilder from '@axe-core/playwright';
import { test, expect, snapshot } from './fixtures';

test('the Model fit page compares three models on the sample and proposes one', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(page.getByTestId('dataset-in-use')).toContainText('fitted BG/NBD', { timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Model fit', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Model fit' })).toBeVisible();
  // the defaults: calibration end two thirds into the span, holdout end the last date
  const cal = await page.getByTestId('calibration-end').inputValue();
  const hold = await page.getByTestId('holdout-end').inputValue();
  expect(cal < hold).toBe(true);
  await page.getByTestId('run-evaluation').click();
  await expect(page.getByTestId('model-proposal')).toContainText('Proposed:', { timeout: 60_000 });
  await expect(page.getByTestId('model-proposal')).toContainText('lowest per-customer holdout RMSE');
  for (const m of ['bgnbd', 'paretonbd', 'mbgnbd'])
    await expect(page.getByTestId(`rmse-${m}`)).toContainText(/\d\.\d+ \/ \d\.\d+ transactions/);
  await expect(page.getByTestId('conditional-table').locator('tbody tr')).toHaveCount(8);
  await expect(page.getByRole('img', { name: /Heat map of P\(alive\)/ })).toBeVisible();
  await snapshot(page, 'model-fit');

  // pick a model other than the proposed one: the choice is stored and named on every page
  const proposed = (await page.getByTestId('model-proposal').innerText()).match(/Proposed: ([\w/]+)\./)![1];
  const other = ['BG/NBD', 'Pareto/NBD', 'MBG/NBD'].find((m) => m !== proposed)!;
  await page.getByRole('radio', { name: new RegExp(`^${other.replace('/', '\\/')} \\(RMSE`) }).check();
  await page.getByTestId('use-model').click();
  await expect(page.getByTestId('dataset-in-use')).toContainText(`customers scored by ${other} (holdout RMSE`);
  await expect(page.getByTestId('dataset-in-use')).toContainText(`picked over the proposed ${proposed}`);
  // choosing starts the scoring of every customer by the chosen model
  await expect(page.getByTestId('scores-source')).toContainText(`${other}`, { timeout: 60_000 });
  await expect(page.getByTestId('customer-count')).toContainText('10,000 of 10,000 customers shown');
  const table = page.getByTestId('customer-table');
  // virtualised: far fewer rows in the DOM than customers, and scrolling brings others in
  expect(await table.locator('tbody tr:not(.spacer)').count()).toBeLessThan(60);
  const firstId = await table.locator('tbody tr:not(.spacer) td').first().innerText();
  await table.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(table.locator('tbody tr:not(.spacer) td').first()).not.toHaveText(firstId);
  // the win-back list: P(alive) below 0.3
  await page.getByTestId('palive-max').fill('0.3');
  await expect(page.getByTestId('customer-count')).not.toContainText('10,000 of');
  const shownText = await page.getByTestId('customer-count').innerText();
  const shownRows = Number(shownText.split(' of ')[0].replaceAll(',', ''));
  // the filtered table starts at its top row, drawn
  await expect(table.locator('tbody tr:not(.spacer)').first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-customers').click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toContain('P(alive)');
  expect(lines.length - 1).toBe(shownRows);
  const pIndex = lines[0]
    .replace(/^\uFEFF/, '')
    .split(',')
    .indexOf('P(alive)');
  for (const line of lines.slice(1, 50)) expect(Number(line.split(',')[pIndex])).toBeLessThanOrEqual(0.3);
  await snapshot(page, 'model-fit-customers');
  await page
    .locator('section[aria-labelledby="customers-heading"]')
    .screenshot({ path: 'test-results/screenshots/model-fit-table.png' });

  // no serious accessibility violations with the comparison and the table on screen
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)
  ).toEqual([]);

  // the workbench names the choice in its status line too
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workbench', exact: true }).click();
  await expect(page.getByTestId('dataset-in-use')).toContainText(`customers scored by ${other}`);
  await page.goto('/model');
  await page.setViewportSize({ width: 390, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await snapshot(page, 'model-fit-390');
});

test('a holdout with no days is refused with the reason before anything runs', async ({ page }) => {
  await page.goto('/model');
  const cal = page.getByTestId('calibration-end');
  await expect(cal).toBeVisible({ timeout: 60_000 });
  const hold = await page.getByTestId('holdout-end').inputValue();
  await cal.fill(hold);
  await cal.dispatchEvent('change');
  await expect(page.getByRole('alert')).toContainText('The holdout has no days');
  await expect(page.getByTestId('run-evaluation')).toBeDisabled();
});
