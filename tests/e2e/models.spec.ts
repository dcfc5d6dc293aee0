import { test, expect, snapshot } from './fixtures';

test('an uplift model trained on the sample campaign drives the personalisation lever, with the model as its source', async ({
  page
}) => {
  test.setTimeout(150_000);
  // first visit: the app generates the sample dataset ("Music retailer (CDNOW-like), 10,000 customers") and fits it
  await page.goto('/');
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 60_000 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Models' })).toBeVisible();
  const uplift = page.locator('section', {
    has: page.getByRole('heading', { name: 'Uplift from a randomised campaign' })
  });
  await expect(uplift.getByText(/The dataset in use: Music retailer/)).toBeVisible();

  await uplift.getByRole('button', { name: 'Train uplift model' }).click();
  await expect(uplift.locator('[data-train-progress]')).toBeVisible();
  await expect(uplift.locator('[data-uplift-results]')).toBeVisible({ timeout: 30_000 });
  await expect(uplift.locator('[data-train-progress]')).toHaveCount(0);

  // held-out Qini curve with its coefficient, and the decile table (10 deciles)
  await expect(
    uplift.getByRole('figure', { name: 'Qini curve (held-out customers)' }).locator('svg').first()
  ).toBeVisible();
  await expect(uplift.locator('[data-qini]')).toContainText(/-?\d\.\d{4}/);
  const deciles = uplift.getByRole('figure', { name: 'Uplift by decile of predicted uplift' });
  await deciles.getByRole('button', { name: 'Table' }).click();
  await expect(deciles.getByRole('table').locator('tbody tr')).toHaveCount(10);
  await expect(uplift.getByText(/true 1\.150 \(the sample generator's\)/)).toBeVisible();

  await uplift.getByLabel(/Personalise the top/).fill('40');
  await uplift.getByRole('button', { name: 'Use for personalisation' }).click();
  await expect(uplift.locator('[data-applied]')).toContainText('Personalisation coverage set to 40%');
  await snapshot(page, 'models');

  // saved in this browser and listed
  await uplift.getByRole('button', { name: 'Save model' }).click();
  await expect(page.locator('[data-saved-models]')).toContainText('Uplift of bought in holdout, campaign vs control');

  // the workbench's coverage lever shows the new value, and the explain view names the model
  await uplift.getByRole('link', { name: 'See it on the Workbench' }).click();
  await expect(page.locator('[data-kpi="clvPerNewCustomer"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-lever="personalisation.coverage"] input.number')).toHaveValue(/^40(\.0+)?$/);
  await page.locator('[data-kpi="clvPerNewCustomer"]').getByRole('button').click();
  const explain = page.getByRole('complementary', { name: 'Explain' });
  await explain.getByRole('button', { name: /^Driver: Purchase rate/ }).click();
  await expect(explain).toContainText('measured uplift of personalisation: T-learner');
});

test('a propensity classifier on the dataset in use shows its held-out AUC, calibration and feature effects, and a saved model loads and deletes', async ({
  page
}) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models', exact: true }).click();

  const classifier = page.locator('section', {
    has: page.getByRole('heading', { name: 'Churn and propensity classifier' })
  });
  await classifier.getByRole('button', { name: 'Train classifier' }).click();
  await expect(classifier.locator('[data-classifier-results]')).toBeVisible({ timeout: 30_000 });
  // an RFM propensity model ranks repeat buyers far better than chance
  const auc = Number(((await classifier.locator('[data-auc] strong').textContent()) ?? '').trim());
  expect(auc).toBeGreaterThan(0.6);
  expect(auc).toBeLessThanOrEqual(1);
  await expect(
    classifier.getByRole('figure', { name: 'Calibration (held-out customers)' }).locator('svg').first()
  ).toBeVisible();
  const effects = classifier.getByRole('figure', { name: 'Feature effects' });
  await effects.getByRole('button', { name: 'Table' }).click();
  await expect(effects.getByRole('table')).toContainText('frequency');
  await snapshot(page, 'models-classifier');

  await classifier.getByRole('button', { name: 'Save model' }).click();
  const saved = page.locator('[data-saved-models]');
  await expect(saved).toContainText('propensity');
  await saved.getByRole('button', { name: 'Load' }).first().click();
  await expect(classifier.locator('[data-classifier-results]')).toBeVisible();
  await expect(classifier.getByRole('button', { name: 'Save model' })).toHaveCount(0);
  await saved.getByRole('button', { name: 'Delete' }).first().click();
  await saved.getByRole('button', { name: 'Delete for good' }).click();
  await expect(page.getByText('No models saved yet.')).toBeVisible();
});
