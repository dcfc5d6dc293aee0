/**
 * Classroom challenges (issue 19 item 5), the real build: a teacher creates a challenge from
 * the workbench, students open its link, move the unlocked levers and export submissions,
 * and the teacher imports them all at once: the ranking uses the re-computed KPIs, a file
 * whose KPI was edited is flagged and not ranked, and the top ones can be presented.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, snapshot } from './fixtures';

/** Serious or critical WCAG 2.1 AA violations on the page (axe-core, bundled; nothing fetched). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')}`
    );
}

async function exportSubmission(page: Page, name: string): Promise<{ text: string; json: Record<string, unknown> }> {
  await page.getByLabel('Your name').fill(name);
  const pending = page.waitForEvent('download');
  // keyboard: focus the button and press Enter
  await page.getByRole('button', { name: 'Export submission (.json)' }).focus();
  await page.keyboard.press('Enter');
  const download = await pending;
  expect(download.suggestedFilename()).toMatch(/^submission-ch-[0-9a-f]{8}-/);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return { text, json: JSON.parse(text) as Record<string, unknown> };
}

async function goalShown(page: Page): Promise<string> {
  const goal = page.getByTestId('goal-kpi');
  await expect(goal).not.toContainText('…');
  return (await goal.innerText()).trim();
}

test('a student opens a challenge link, works and exports; the teacher ranks three submissions with the tampered one flagged', async ({
  page
}) => {
  // the teacher, on the workbench
  await page.goto('/');
  await page.getByRole('link', { name: 'Create a challenge' }).click();
  await expect(page.getByRole('heading', { name: 'Create a challenge' })).toBeVisible();
  await page.getByLabel('Title').fill('Grow customer equity');
  await page.getByLabel('Deadline (as students should read it)').fill('Friday 12:00');
  await page.getByLabel('Media budget cap per week (empty: no cap)').fill('8000');
  await page.getByLabel('List price change minimum (%)').fill('-20');
  await page.getByLabel('List price change maximum (%)').fill('20');
  await page.locator('[data-lever="channels.budgetPerWeek.search"]').getByRole('checkbox').check();

  // a bad limit is refused with the lever named
  await page.getByLabel('List price change maximum (%)').fill('500');
  await page.getByRole('button', { name: 'Create the challenge' }).click();
  await expect(page.getByRole('alert')).toContainText('is outside the lever');
  await page.getByLabel('List price change maximum (%)').fill('20');
  await page.getByRole('button', { name: 'Create the challenge' }).click();
  const link = await page.getByTestId('challenge-link').inputValue();
  expect(link).toMatch(/\/challenge#c=[A-Za-z0-9_-]+$/);
  const reviewLink = await page.getByRole('link', { name: 'Review submissions' }).getAttribute('href');
  await snapshot(page, 'challenge-new');
  expect(await seriousViolations(page)).toEqual([]);

  // student 1: the price lever by keyboard on its slider
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Grow customer equity', level: 1 })).toBeVisible();
  await expect(page.getByText('Friday 12:00')).toBeVisible();
  const start = await goalShown(page);
  const slider = page.locator('#lever-pricing-priceChange');
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByLabel('List price change (%)')).toHaveValue('-5');
  await expect(page.getByTestId('goal-kpi')).not.toContainText(start);
  // a locked lever is shown, not editable
  await page.getByText(/Locked levers/).click();
  await expect(page.locator('.locked li').filter({ hasText: 'Promotion depth' })).toContainText('locked');
  await expect(page.locator('#lever-pricing-promoDepth')).toHaveCount(0);
  // no name: a clear error, nothing downloaded
  await page.getByRole('button', { name: 'Export submission (.json)' }).click();
  await expect(page.getByRole('alert')).toContainText('Write your name first');
  await goalShown(page);
  const ada = await exportSubmission(page, 'Ada');
  await expect(page.getByTestId('submission-hash')).toHaveText(ada.json.hash as string);
  await expect(page.getByText('it is not a secret signature')).toBeVisible();
  await snapshot(page, 'challenge-student');
  expect(await seriousViolations(page)).toEqual([]);

  // limits held: typing beyond the limit is clamped to it; over the budget, no export
  await page.goto(link);
  await page.getByLabel('List price change (%)').fill('-90');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('List price change (%)')).toHaveValue('-20');
  await page.getByLabel('Budget: search (/week)').fill('9000');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('over the cap');
  await expect(page.getByRole('button', { name: 'Export submission (.json)' })).toBeDisabled();
  await page.getByLabel('Budget: search (/week)').fill('4000');
  await page.keyboard.press('Enter');
  await goalShown(page);
  const ben = await exportSubmission(page, 'Ben');

  // student 3 exports, then edits the KPI in the file
  await page.goto(link);
  await page.getByLabel('List price change (%)').fill('10');
  await page.keyboard.press('Enter');
  await goalShown(page);
  const cy = await exportSubmission(page, 'Cy');
  const kpi = cy.json.kpi as { id: string; value: number };
  const tampered = JSON.stringify({ ...cy.json, kpi: { ...kpi, value: kpi.value * 2 } }, null, 2);

  // the teacher imports the class's files; a file that is not a submission is named with why
  await page.goto(reviewLink!);
  await expect(page.getByRole('heading', { name: 'Review: Grow customer equity' })).toBeVisible();
  const input = page.getByTestId('import-submissions');
  await input.setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('my answer is 42') }]);
  await expect(page.getByTestId('unreadable')).toContainText('notes.txt: not a JSON file');
  await input.setInputFiles([
    { name: 'ada.json', mimeType: 'application/json', buffer: Buffer.from(ada.text) },
    { name: 'ben.json', mimeType: 'application/json', buffer: Buffer.from(ben.text) },
    { name: 'cy.json', mimeType: 'application/json', buffer: Buffer.from(tampered) }
  ]);
  const table = page.getByTestId('ranking');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(page.getByText('2 ranked, 1 flagged and not ranked.')).toBeVisible();
  const cyRow = table.locator('tr[data-student="Cy"]');
  await expect(cyRow.locator('td').first()).toHaveText('—');
  await expect(cyRow).toContainText('KPI changed');
  await expect(cyRow).toContainText('File changed');
  await expect(cyRow.locator('td').nth(3)).toHaveText('changed');
  // the two honest ones re-compute to what they submitted, ranked by customer equity
  const adaKpi = (ada.json.kpi as { value: number }).value;
  const benKpi = (ben.json.kpi as { value: number }).value;
  const order = adaKpi > benKpi ? ['Ada', 'Ben'] : ['Ben', 'Ada'];
  await expect(table.locator('tbody tr[data-student] th')).toContainText([order[0], order[1], 'Cy']);
  for (const s of ['Ada', 'Ben'])
    await expect(table.locator(`tr[data-student="${s}"]`)).toContainText('re-computed to the last digit');
  await snapshot(page, 'challenge-review');
  expect(await seriousViolations(page)).toEqual([]);

  // the top ones side by side, then presented (keyboard: Escape leaves)
  await page.getByRole('button', { name: 'Top three side by side' }).click();
  await expect(page.getByRole('heading', { name: 'The top 2 side by side' })).toBeVisible();
  await snapshot(page, 'challenge-top');
  await page.getByRole('button', { name: 'Present the top three' }).click();
  await expect(page.getByRole('region', { name: 'Presentation' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Grow customer equity: the top 2' })).toBeVisible();
  await snapshot(page, 'challenge-present');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ranking')).toBeVisible();
});

test('a broken challenge link says what is wrong', async ({ page }) => {
  await page.goto('/challenge#c=eyJraW5kIjoibm9wZSJ9');
  await expect(page.getByRole('alert')).toContainText('challenge: kind "nope"');
  await page.goto('/challenge#c=not*base64');
  await expect(page.getByRole('alert')).toContainText('not base64url text');
});

test('a student answers graded questions checked by the engine; the score is kept and exported', async ({ page }) => {
  await page.goto('/notebooks/04-channel-mix');
  const score = page.getByTestId('score');
  await expect(score).toContainText('0 of 2 graded questions right (2 not answered yet)');

  const wins = page.locator('[data-grade="wins"]');
  await expect(wins.getByRole('group', { name: 'Which scenario has the highest Customer equity?' })).toBeVisible();
  await wins.getByRole('button', { name: 'Check my answer' }).click();
  await expect(wins.getByRole('status')).toHaveText('Choose a scenario first.');
  // the explanation stays closed until the question has been checked
  const question = page.locator('.question-cell').filter({ has: wins });
  await expect(question.getByRole('button', { name: 'Show the answer' })).toHaveCount(0);
  // keyboard: pick with Space, check with Enter
  await wins.getByRole('radio').first().focus();
  await page.keyboard.press('Space');
  await wins.getByRole('button', { name: 'Check my answer' }).focus();
  await page.keyboard.press('Enter');
  const first = wins.getByRole('status');
  await expect(first).toContainText('The answer:');
  if ((await first.innerText()).includes('Not right')) {
    // the engine's winner is named; choose it
    const winner = /The answer: (.+?)\./.exec(await first.innerText())![1];
    expect(["Today's media plan", 'More search', 'Display to e-mail']).toContain(winner);
    await wins.getByRole('radio', { name: winner }).check();
    await wins.getByRole('button', { name: 'Check my answer' }).click();
    await expect(wins.getByRole('status')).toContainText('(checked 2 times)');
  }
  await expect(wins.getByRole('status')).toContainText('✓ Right.');
  await expect(question.getByRole('button', { name: 'Hide the answer' })).toBeVisible();

  const choice = page.locator('[data-grade="choice"]');
  await choice.getByRole('radio', { name: 'Seasonality of demand' }).check();
  await choice.getByRole('button', { name: 'Check my answer' }).click();
  await expect(choice.getByRole('status')).toContainText('✗ Not right. The answer: Adstock');
  await expect(score).toContainText('1 of 2 graded questions right.');
  await snapshot(page, 'graded-questions');
  expect(await seriousViolations(page)).toEqual([]);

  // kept in this browser: a reload shows the same score and answers
  await page.reload();
  await expect(page.getByTestId('score')).toContainText('1 of 2 graded questions right.');
  await expect(
    page.locator('[data-grade="choice"]').getByRole('radio', { name: 'Seasonality of demand' })
  ).toBeChecked();

  await page.getByRole('button', { name: 'Export my answers (.json)' }).click();
  await expect(page.getByTestId('score').getByRole('alert')).toContainText('Write your name first');
  await page.getByTestId('score').getByLabel('Your name').fill('Ada');
  await page.getByTestId('score').getByLabel('Your name').press('Tab');
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export my answers (.json)' }).click();
  const download = await pending;
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  const file = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  expect(file).toMatchObject({
    kind: 'lever-lab-answers',
    v: 1,
    student: 'Ada',
    score: { correct: 1, answered: 2, graded: 2 }
  });
  expect(file.answers.map((a: { id: string; correct: boolean }) => [a.id, a.correct])).toEqual([
    ['channel-equity', true],
    ['adstock', false]
  ]);
});
