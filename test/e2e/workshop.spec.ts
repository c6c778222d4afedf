/**
 * Workshop mode end to end: the instructor builds a link, a learner joins, sees only the chosen
 * exercises (solutions hidden), completes some, makes a completion code, and the instructor checks it
 * next to a damaged and a foreign code.
 */
import { expect, test } from '@playwright/test';
import { makeCompletionCode } from '../../src/editor/workshop.ts';
import { APP_USER, PIN, PIN_ARG, PIN_MULTI, exercise, monacoGoToLineEnd, mounted, storedDocument } from './helpers.ts';

test.use({ serviceWorkers: 'block' });

const DROP_SUDO = '12-run-as-non-root/03-drop-sudo';
const NGINX = '12-run-as-non-root/02-unprivileged-nginx';

test('instructor link -> learner view -> completion code -> instructor verifies it', async ({ page: instructor, browser }, testInfo) => {
  // --- the instructor chooses lesson 02 and one exercise of lesson 12, and hides the solutions
  await instructor.goto('/workshop/');
  await instructor.getByLabel('Workshop title').fill('Hardening, 3 June');
  await instructor.getByLabel('Hide the solutions from learners').check();
  const lesson02 = instructor.locator('fieldset[data-lesson="02-pin-base-images"]');
  await lesson02.getByLabel(/The whole lesson/).check();
  await expect(lesson02.locator('input[name="exercise"]:checked')).toHaveCount(3);
  const lesson12 = instructor.locator('fieldset[data-lesson="12-run-as-non-root"]');
  await lesson12.getByLabel('Add an app user').check();
  await expect(lesson12.locator('[data-lesson-toggle]')).toHaveJSProperty('indeterminate', true);
  await expect(instructor.locator('.ws-count')).toHaveText('4 exercises from 2 lessons selected.');
  await instructor.getByRole('button', { name: 'Create the workshop link' }).click();
  const linkInput = instructor.getByLabel('Link for learners');
  await expect(linkInput).toHaveValue(/\/workshop\/join\/#w1\.[A-Za-z0-9_-]+$/);
  const link = await linkInput.inputValue();
  expect(link.length).toBeLessThan(400);
  // the instructor's own address keeps the selection, for checking codes later
  expect(new URL(instructor.url()).hash).toBe(new URL(link).hash);
  await expect(instructor.locator('.ws-verify-target')).toHaveText('Codes are checked against “Hardening, 3 June”: 4 exercises, solutions hidden.');
  const builderShot = testInfo.outputPath('workshop-instructor.png');
  await instructor.screenshot({ path: builderShot, fullPage: true });
  await testInfo.attach('instructor page', { path: builderShot, contentType: 'image/png' });

  // --- a learner opens the link in their own browser
  const learnerContext = await browser.newContext({ serviceWorkers: 'block' });
  const learner = await learnerContext.newPage();
  await learner.goto(link);
  const view = learner.locator('[data-workshop-learner]');
  await expect(view).toHaveAttribute('data-state', 'joined');
  await expect(view.locator('.wl-message')).toHaveText('You joined this workshop: lesson pages now show only its exercises.');
  await expect(view.locator('.wl-title')).toHaveText('Hardening, 3 June');
  await expect(view.locator('.wl-summary')).toHaveText('4 exercises, 0 done.');
  await expect(view.locator('.wl-solutions')).toBeVisible();
  await expect(view.locator('.wl-lesson li')).toHaveText([/Name a version\s+Not started/, /Pin a multi-stage build\s+Not started/, /Declare the ARG before FROM\s+Not started/, /Add an app user\s+Not started/]);
  expect((await storedDocument(learner)).workshop).toMatchObject({ title: 'Hardening, 3 June', hideSolutions: true, exercises: [PIN, PIN_MULTI, PIN_ARG, APP_USER] });

  // --- lesson 02: every exercise is in the workshop; no solution button
  await view.getByRole('link', { name: 'Name a version' }).click();
  await expect(learner).toHaveURL(/\/02-pin-base-images\/#exercise-02-pin-base-images-01-name-a-version$/);
  const notice = learner.locator('.ss-notice[data-kind="workshop"]');
  await expect(notice).toContainText('You are in the workshop “Hardening, 3 June”. All 3 exercises on this page are part of it. Your instructor has hidden the solutions');
  const pin = await mounted(learner, PIN);
  await expect(pin.locator('.ex-solution-button')).toBeHidden();
  await expect(pin.locator('.ex-hint-button')).toBeVisible();
  await monacoGoToLineEnd(learner, pin, 1);
  await learner.keyboard.type(':3.13-slim-bookworm');
  await expect(pin).toHaveAttribute('data-complete', 'true');

  // --- lesson 12: only the chosen exercise is shown; the others leave a note and never load
  await learner.goto('/12-run-as-non-root/');
  await expect(notice).toContainText('1 of the 3 exercises on this page is part of it; the others are hidden.');
  await expect(exercise(learner, NGINX)).toBeHidden();
  await expect(exercise(learner, DROP_SUDO)).toBeHidden();
  await expect(learner.locator('.ex-workshop-skipped')).toHaveCount(2);
  await expect(learner.locator('.ex-workshop-skipped').first()).toContainText('is not part of the workshop, so it is hidden.');
  const user = await mounted(learner, APP_USER);
  await monacoGoToLineEnd(learner, user, 1);
  await learner.keyboard.type('\nRUN useradd --create-home --uid 10001 app');
  await monacoGoToLineEnd(learner, user, 6);
  await learner.keyboard.type('\nUSER 10001');
  await expect(user).toHaveAttribute('data-complete', 'true');
  await expect(user.locator('.ex-save-state')).toContainText('Saved');
  const lessonShot = testInfo.outputPath('workshop-lesson.png');
  await notice.scrollIntoViewIfNeeded();
  await learner.screenshot({ path: lessonShot });
  await testInfo.attach('lesson page in workshop mode', { path: lessonShot, contentType: 'image/png' });
  await expect(exercise(learner, NGINX)).not.toHaveAttribute('data-mounted', /./);

  // --- back to the workshop page: progress, then the completion code
  await notice.getByRole('link', { name: 'Back to the workshop page' }).click();
  await expect(view.locator('.wl-summary')).toHaveText('4 exercises, 2 done.');
  await expect(view.locator('.wl-lesson li[data-state="done"]')).toHaveCount(2);
  await view.getByLabel('Your name (optional, included in the code)').fill('Ada Lovelace');
  await view.getByRole('button', { name: 'Make my completion code' }).click();
  const codeInput = view.getByLabel('Completion code', { exact: true });
  await expect(codeInput).toHaveValue(/^SHIP-[0-9A-Z]+$/);
  await expect(view.locator('.wl-code-state')).toContainText('Your code says 2 of 4 exercises pass.');
  const code = await codeInput.inputValue();
  const learnerShot = testInfo.outputPath('workshop-learner.png');
  await learner.screenshot({ path: learnerShot, fullPage: true });
  await testInfo.attach('learner workshop page', { path: learnerShot, contentType: 'image/png' });

  // --- the instructor checks it, with a mistyped copy, a code of another workshop, and junk
  const tampered = code.slice(0, 12) + (code[12] === 'A' ? 'B' : 'A') + code.slice(13);
  const foreign = await makeCompletionCode({
    selection: { title: 'Another class', exercises: [PIN, PIN_MULTI, APP_USER], hideSolutions: true },
    learnerName: 'Grace',
    passed: { [PIN]: { Dockerfile: 'FROM python:3.13-slim-bookworm\n' } },
  });
  await instructor.getByLabel('Completion codes, one per line').fill([code, tampered, '', foreign, 'hello, here is my code'].join('\n'));
  await instructor.getByRole('button', { name: 'Check the codes' }).click();
  await expect(instructor.locator('.ws-verify-summary')).toHaveText('4 codes checked: 1 valid, 3 not valid. 0 learners passed all 4.');
  const rows = instructor.locator('.ws-table tbody tr');
  await expect(rows).toHaveCount(4);
  const ada = rows.nth(0);
  await expect(ada.locator('th')).toHaveText('Ada Lovelace');
  await expect(ada.locator('td').nth(1)).toHaveText('2 of 4 passed');
  await expect(ada.locator('li[data-passed="true"]')).toHaveCount(2);
  await expect(ada.locator('li[data-passed="true"]').first()).toContainText('Passed: Lesson 02: Name a version');
  await expect(ada.locator('li[data-passed="true"] code').first()).toHaveText(/^[0-9a-f]{8}$/);
  // the learner typed exactly the reference answer for the first exercise
  await expect(ada.locator('li[data-passed="true"]').first()).toContainText('identical to the reference solution');
  await expect(ada.locator('li[data-passed="false"]')).toHaveText([/Not passed: Lesson 02: Pin a multi-stage build/, /Not passed: Lesson 02: Declare the ARG before FROM/]);
  await expect(rows.nth(1).locator('td').first()).toHaveText('2');
  await expect(rows.nth(1)).toContainText('This code is damaged');
  await expect(rows.nth(2).locator('td').first()).toHaveText('4');
  await expect(rows.nth(2)).toContainText('This code belongs to another workshop');
  await expect(rows.nth(3)).toContainText('This is not a Shipshape completion code');
  const verifyShot = testInfo.outputPath('workshop-verify.png');
  await instructor.locator('.ws-verify').screenshot({ path: verifyShot });
  await testInfo.attach('codes checked', { path: verifyShot, contentType: 'image/png' });

  // a bookmarked instructor address restores the selection, so codes can be checked later
  const later = await instructor.context().newPage();
  await later.goto(instructor.url());
  await expect(later.getByLabel('Workshop title')).toHaveValue('Hardening, 3 June');
  await expect(later.locator('input[name="exercise"]:checked')).toHaveCount(4);
  await later.getByLabel('Completion codes, one per line').fill(code);
  await later.getByRole('button', { name: 'Check the codes' }).click();
  await expect(later.locator('.ws-verify-summary')).toHaveText('1 code checked: 1 valid. 0 learners passed all 4.');

  // --- leaving workshop mode shows the whole lesson again
  await learner.goto('/12-run-as-non-root/');
  await learner.locator('.ss-leave-workshop').click();
  await expect(notice).toContainText('You left workshop mode');
  await expect(exercise(learner, NGINX)).toBeVisible();
  await expect(learner.locator('.ex-workshop-skipped')).toHaveCount(0);
  await mounted(learner, NGINX);
  await expect(exercise(learner, APP_USER).locator('.ex-solution-button')).toBeVisible();
  expect((await storedDocument(learner)).workshop).toBeUndefined();
  await learnerContext.close();
});

test('a damaged workshop link says so, and the page without a link explains itself', async ({ page }) => {
  await page.goto('/workshop/join/#w1.this-is-not-a-real-link');
  const view = page.locator('[data-workshop-learner]');
  await expect(view).toHaveAttribute('data-state', 'bad-link');
  await expect(view.locator('.wl-message')).toContainText('This workshop link could not be read');
  await expect(view.locator('.wl-workshop')).toBeHidden();
  await page.goto('/workshop/join/');
  await page.reload();
  await expect(view).toHaveAttribute('data-state', 'no-link');
  await expect(view.locator('.wl-message')).toContainText('You are not in a workshop');
  // and a lesson page is untouched
  await page.goto('/12-run-as-non-root/');
  await expect(page.locator('.ss-notice[data-kind="workshop"]')).toHaveCount(0);
  await expect(page.locator('section.exercise:visible')).toHaveCount(3);
});

test('the instructor page refuses an empty selection and checks nothing before a link exists', async ({ page }) => {
  await page.goto('/workshop/');
  await page.getByRole('button', { name: 'Check the codes' }).click();
  await expect(page.locator('.ws-verify-summary')).toContainText('Create the workshop link first');
  await page.getByRole('button', { name: 'Create the workshop link' }).click();
  await expect(page.locator('.ws-count')).toHaveText('Choose at least one exercise first.');
  await expect(page.locator('.ws-share')).toBeHidden();
});
