/**
 * The classroom's estimation and experiment cells on the real build: the recovery cell fits its
 * first sample in a worker and shows estimate, truth and interval; its repeat control runs
 * 100 samples of 2,000 customers (draw + BG/NBD fit each, on the estimation workers) within
 * 10 s and shows the coverage count per parameter; a repeat can be cancelled; the experiment
 * cell shows its estimated uplift with an interval that narrows as the sample grows, and the
 * sample-size helper answers.
 */
import { test, expect, snapshot } from './fixtures';

const LESSON = '/notebooks/07-can-we-trust-the-estimate';

test('the recovery cell repeats 100 samples of 2,000 customers within 10 s and shows the coverage', async ({
  page
}) => {
  await page.goto(LESSON);
  const cell = page.getByTestId('estimation-cell').first();
  await expect(cell.getByRole('heading', { name: /2,000 customers/ })).toBeVisible();
  // the first sample's fit: four estimates with intervals
  await expect(cell.locator('tbody tr')).toHaveCount(4);
  await expect(cell.locator('tbody td.pending')).toHaveCount(0);
  await expect(cell.locator('tbody tr').first()).toContainText(/\d to \d/);

  const started = Date.now();
  await cell.getByRole('button', { name: 'Repeat 100 times' }).click();
  const repeats = cell.getByTestId('estimation-repeats');
  await expect(repeats).toHaveAttribute('data-complete', 'true', { timeout: 10_000 });
  const seconds = (Date.now() - started) / 1000;
  expect(seconds).toBeLessThan(10);
  const counts = repeats.getByTestId('coverage-count');
  await expect(counts).toHaveCount(4);
  for (const text of await counts.allTextContents()) {
    const m = /^(\d+) of 100 intervals cover the truth$/.exec(text);
    expect(m, text).not.toBeNull();
    // a 90% interval over 100 samples: far from 90 would mean a broken interval
    expect(Number(m![1])).toBeGreaterThanOrEqual(75);
  }
  await expect(repeats.locator('figure.hist')).toHaveCount(4);
  await expect(page.locator('.cell-error')).toHaveCount(0);
  console.log(`repeat 100 x 2,000 customers: ${seconds.toFixed(2)} s`);
  await snapshot(page, 'classroom-estimation');
});

test('a repeat can be cancelled and says how far it got', async ({ page }) => {
  await page.goto(LESSON);
  const cell = page.getByTestId('estimation-cell').filter({ hasText: 'Gamma-Gamma' });
  await expect(cell.locator('tbody td.pending')).toHaveCount(0);
  await cell.getByRole('button', { name: 'Repeat 100 times' }).click();
  await cell.getByRole('button', { name: 'Cancel' }).click();
  const repeats = cell.getByTestId('estimation-repeats');
  await expect(repeats).toHaveAttribute('data-complete', 'false');
  await expect(repeats).toContainText(/Stopped after \d+ of 100 samples/);
  await expect(cell.getByRole('button', { name: 'Repeat 100 times' })).toBeEnabled();
});

test('the experiment cell shows the uplift with its interval, narrower with more customers, and the sample size needed', async ({
  page
}) => {
  await page.goto(LESSON);
  const cell = page.getByTestId('experiment-cell');
  const interval = cell.getByTestId('experiment-interval');
  await expect(interval).toContainText(
    /Estimated uplift [+−-]?\d[\d.,]* points, 90% interval [+−-]?\d[\d.,]* points to [+−-]?\d[\d.,]* points/
  );
  const width = async () => {
    const t = (await interval.textContent()) ?? '';
    const m = /interval ([+−-]?[\d.]+) points to ([+−-]?[\d.]+) points/.exec(t)!;
    const n = (s: string) => Number(s.replace('−', '-'));
    return n(m[2]) - n(m[1]);
  };
  const at4000 = await width();
  const slider = cell.getByRole('slider');
  await slider.fill('6');
  await expect(cell.locator('label.size strong')).toHaveText('64,000');
  await expect.poll(width).toBeLessThan(at4000 / 2);
  await expect(cell.getByTestId('power-answer')).toHaveText(/^[\d,]+ customers per arm, [\d,]+ in all$/);
  await expect(cell.locator('svg.shrink line.ci')).toHaveCount(7);
  await cell.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/classroom-experiment.png', fullPage: false });
});
