/**
 * The learner's journey: progress across reloads and on the course map, export and import, a corrupt
 * or unavailable store, hints one at a time, the solution (asked, diffed, applied, undone), reset.
 */
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { APP_USER, PIN, PIN_ARG, PIN_MULTI, STORAGE_KEY, editorText, entry, exercise, monacoGoToLineEnd, mounted, seedProgress, storedDocument } from './helpers.ts';

// the offline spec covers the service worker; here it would only precache the site in every context
test.use({ serviceWorkers: 'block' });

const OLD = '2026-01-01T00:00:00.000Z';
const NEWER = '2026-03-01T00:00:00.000Z';

test('progress survives reloads, and the course map shows it with a working "continue"', async ({ page }, testInfo) => {
  await page.goto('/02-pin-base-images/');
  // exercise 1: typed by hand
  const one = await mounted(page, PIN);
  await expect(one).toHaveAttribute('data-grade', '2/4');
  await monacoGoToLineEnd(page, one, 1);
  await page.keyboard.type(':3.13-slim-bookworm');
  await expect(one).toHaveAttribute('data-complete', 'true');
  await expect(one.locator('.ex-save-state')).toContainText('Saved in this browser');
  // exercises 2 and 3: with the reference solution
  for (const id of [PIN_MULTI, PIN_ARG]) {
    const ex = await mounted(page, id);
    await ex.locator('.ex-solution-button').click();
    await ex.locator('.ex-confirm-solution').click();
    await ex.locator('.ex-apply-button').click();
    await expect(ex).toHaveAttribute('data-complete', 'true');
    await expect(ex.locator('.ex-save-state')).toContainText('Saved in this browser');
  }

  // lesson 12: started, not finished
  await page.goto('/12-run-as-non-root/');
  const user = await mounted(page, APP_USER);
  await monacoGoToLineEnd(page, user, 1);
  await page.keyboard.type('\nRUN useradd --create-home --uid 10001 app');
  await expect(user).toHaveAttribute('data-grade', '2/3');
  await expect(user.locator('.ex-save-state')).toContainText('Saved');

  // reload: every text and completion comes back
  await page.goto('/02-pin-base-images/');
  for (const id of [PIN, PIN_MULTI, PIN_ARG]) {
    const ex = await mounted(page, id);
    await expect(ex).toHaveAttribute('data-complete', 'true');
    await expect(ex.locator('.ex-save-state')).toContainText('Restored your saved text');
  }
  expect(await editorText(exercise(page, PIN))).toContain('FROM python:3.13-slim-bookworm');

  // the course map
  await page.goto('/');
  const lesson02 = page.locator('.lesson-card[data-lesson="02-pin-base-images"]');
  const lesson12 = page.locator('.lesson-card[data-lesson="12-run-as-non-root"]');
  await expect(lesson02).toHaveAttribute('data-state', 'done');
  await expect(lesson02.locator('.lesson-done')).toHaveText('All 3 exercises done');
  await expect(lesson02.locator('.lesson-meta')).toContainText('min');
  await expect(lesson12).toHaveAttribute('data-state', 'started');
  await expect(lesson12.locator('.lesson-done')).toHaveText(/^0 of \d+ exercises done$/);
  await expect(page.locator('.lesson-card[data-lesson="01-trusted-base-images"]')).not.toHaveAttribute('data-state', /./);
  await expect(page.locator('.progress-done')).toHaveText(/^3 of \d+ exercises done$/);
  await expect(page.locator('.progress-bar')).toHaveAttribute('aria-valuenow', '3');
  // the last lesson worked in still has unfinished exercises: continue there
  const next = page.locator('.continue-link');
  await expect(next).toHaveText('Continue with lesson 12: Run as a non-root user');
  await expect(next).toHaveAttribute('href', '/12-run-as-non-root/');
  await expect(page.locator('.storage-note')).toBeHidden();
  const shot = testInfo.outputPath('course-map-progress.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('course map with progress', { path: shot, contentType: 'image/png' });
  await next.click();
  await expect(page).toHaveURL(/\/12-run-as-non-root\/$/);
});

test('"continue" moves on when the last lesson is finished, and ignores a lesson the course no longer has', async ({ page, context }) => {
  await seedProgress(context, {
    app: 'shipshape',
    version: 1,
    lastLesson: '02-pin-base-images',
    exercises: { [PIN]: entry('FROM python:3.13-slim\n', true, OLD), [PIN_MULTI]: entry('FROM x\n', true, OLD), [PIN_ARG]: entry('FROM x\n', true, OLD) },
  });
  await page.goto('/');
  await expect(page.locator('.continue-link')).toHaveText(/^Next: lesson 03: /);
  await page.evaluate((key) => {
    const doc = JSON.parse(localStorage.getItem(key)!);
    doc.lastLesson = '99-a-lesson-that-was-renamed';
    localStorage.setItem(key, JSON.stringify(doc));
  }, STORAGE_KEY);
  await page.reload();
  await expect(page.locator('.continue-link')).toHaveText(/^Continue with lesson 01: /);
});

test('export to a file, then import it into a fresh browser: newer work there is kept and reported', async ({ page, context, browser }, testInfo) => {
  await seedProgress(context, {
    app: 'shipshape',
    version: 1,
    lastLesson: '02-pin-base-images',
    exercises: {
      [PIN]: entry('FROM python:3.13-slim-bookworm\n', true, OLD),
      [PIN_MULTI]: entry('ARG NODE_VERSION=22.11.0\n', false, OLD),
      [APP_USER]: entry('FROM python:3.13-slim-bookworm\nUSER 10001\n', false, OLD),
    },
  });
  await page.goto('/');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.progress-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^shipshape-progress-\d{4}-\d\d-\d\d\.json$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported).toMatchObject({ app: 'shipshape', version: 1 });
  expect(Object.keys(exported.exercises).sort()).toEqual([PIN, PIN_MULTI, APP_USER].sort());
  await expect(page.locator('.progress-report')).toContainText('Exported 3 exercises');

  // another browser: it already has newer work on one exercise
  const fresh = await browser.newContext({ serviceWorkers: 'block' });
  await seedProgress(fresh, { app: 'shipshape', version: 1, exercises: { [PIN_MULTI]: entry('ARG NODE_VERSION=22.12.0\n# mine, newer\n', false, NEWER) } });
  const other = await fresh.newPage();
  await other.goto('/');
  await expect(other.locator('.progress-done')).toHaveText('No exercises done yet');

  // a file that is not an export changes nothing and says why
  const bogus = testInfo.outputPath('notes.json');
  writeFileSync(bogus, '{"app": "something-else", "version": 1}');
  const [chooser1] = await Promise.all([other.waitForEvent('filechooser'), other.locator('.progress-import').click()]);
  await chooser1.setFiles(bogus);
  await expect(other.locator('.progress-report')).toHaveText('“notes.json” was not made by Shipshape. Nothing was changed.');

  const [chooser] = await Promise.all([other.waitForEvent('filechooser'), other.locator('.progress-import').click()]);
  await chooser.setFiles(file);
  const report = other.locator('.progress-report');
  await expect(report).toContainText(`Imported “${download.suggestedFilename()}”: 2 exercises taken from the file, 1 kept because it is newer here.`);
  const details = other.locator('.progress-report-details');
  await expect(details).toContainText('Taken from the file (2):');
  await expect(details).toContainText('Name a version (lesson 02)');
  await expect(details).toContainText('Add an app user (lesson 12)');
  await expect(details).toContainText('Kept as they are in this browser, because you changed them here more recently (1):');
  await expect(details.locator('ul').nth(1)).toHaveText('Pin a multi-stage build (lesson 02)');
  // the course map updates at once
  await expect(other.locator('.progress-done')).toHaveText(/^1 of \d+ exercises done$/);
  await expect(other.locator('.lesson-card[data-lesson="12-run-as-non-root"]')).toHaveAttribute('data-state', 'started');
  const shot = testInfo.outputPath('import-report.png');
  await other.locator('.progress-panel').screenshot({ path: shot });
  await testInfo.attach('import report', { path: shot, contentType: 'image/png' });

  // the import is saved; the newer local text was not overwritten
  await other.reload();
  await expect(other.locator('.progress-done')).toHaveText(/^1 of \d+ exercises done$/);
  let stored = await storedDocument(other);
  expect(stored.exercises[PIN_MULTI].files.Dockerfile).toContain('# mine, newer');
  expect(stored.exercises[PIN].completed).toBe(true);

  // undo (the report is gone after the reload: import again, then undo)
  const [chooser2] = await Promise.all([other.waitForEvent('filechooser'), other.locator('.progress-import').click()]);
  await chooser2.setFiles(file);
  await expect(report).toContainText('Nothing new in');
  await other.evaluate((key) => {
    const doc = JSON.parse(localStorage.getItem(key)!);
    delete doc.exercises[Object.keys(doc.exercises).find((k) => k.startsWith('12-'))!];
    localStorage.setItem(key, JSON.stringify(doc));
  }, STORAGE_KEY);
  await other.reload();
  const [chooser3] = await Promise.all([other.waitForEvent('filechooser'), other.locator('.progress-import').click()]);
  await chooser3.setFiles(file);
  await expect(report).toContainText('1 exercise taken from the file');
  await other.locator('.progress-undo-import').click();
  await expect(report).toHaveText('Import undone: 1 exercise back as it was.');
  stored = await storedDocument(other);
  expect(stored.exercises[APP_USER]).toBeUndefined();
  await fresh.close();
});

test('a corrupt saved document is set aside, not deleted; the pages say so and keep working', async ({ page, context }) => {
  const corrupt = '{"app":"shipshape","version":1,"exercises":{"02-pin-base-images/01-name-a-version":{"files":';
  await context.addInitScript(
    ([key, raw]) => {
      if (localStorage.getItem('e2e:corrupted') === null) {
        localStorage.setItem(key, raw);
        localStorage.setItem('e2e:corrupted', '1');
      }
    },
    [STORAGE_KEY, corrupt] as const,
  );
  // the lesson page finds it first
  await page.goto('/02-pin-base-images/');
  const ex = await mounted(page, PIN);
  const notice = page.locator('.ss-notice[data-kind="storage"]');
  await expect(notice).toContainText('could not be read, so it was set aside (not deleted)');
  // the notice sits just before the first exercise
  expect(await notice.evaluate((n) => n.nextElementSibling?.matches('section.exercise'))).toBe(true);
  const [saved] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download the set-aside copy' }).click()]);
  expect(readFileSync(await saved.path(), 'utf8')).toBe(corrupt);
  // the exercise works and saves again
  await monacoGoToLineEnd(page, ex, 1);
  await page.keyboard.type(':3.13-slim');
  await expect(ex).toHaveAttribute('data-complete', 'true');
  await expect(ex.locator('.ex-save-state')).toContainText('Saved in this browser');

  // the course map keeps pointing at the set-aside copy until the learner deletes it
  await page.goto('/');
  const note = page.locator('.storage-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('could not be read was set aside on');
  await expect(page.locator('.progress-done')).toHaveText(/^1 of \d+ exercises done$/);
  const [again] = await Promise.all([page.waitForEvent('download'), note.getByRole('button', { name: 'Download the set-aside copy' }).click()]);
  expect(readFileSync(await again.path(), 'utf8')).toBe(corrupt);
  page.once('dialog', (d) => void d.accept());
  await note.getByRole('button', { name: 'Delete it…' }).click();
  await expect(note).toBeHidden();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':backup:')))).toEqual([]);
});

test('when the browser cannot save, home and lesson pages say so and exercises still grade', async ({ page, context }) => {
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.goto('/');
  await expect(page.locator('.storage-note')).toContainText('This browser is not saving your progress');
  await page.goto('/02-pin-base-images/');
  // shown at once, before the editor loads
  const notice = page.locator('.ss-notice[data-kind="storage"]');
  await expect(notice).toContainText('This browser is not saving your work');
  const ex = await mounted(page, PIN);
  await monacoGoToLineEnd(page, ex, 1);
  await page.keyboard.type(':3.13-slim');
  await expect(ex).toHaveAttribute('data-complete', 'true');
  await expect(ex.locator('.ex-save-state')).toHaveText('Not saved: storage is unavailable');
  await expect(page.locator('.ss-notice[data-kind="storage"]')).toHaveCount(1);
});

test('hints come one at a time and are remembered', async ({ page }) => {
  await page.goto('/02-pin-base-images/');
  const ex = await mounted(page, PIN);
  const hints = ex.locator('.ex-hint');
  const button = ex.locator('.ex-hint-button');
  await expect(hints.filter({ visible: true })).toHaveCount(0);
  await expect(button).toHaveText('Show a hint (1 of 3)');
  await button.click();
  await expect(hints.filter({ visible: true })).toHaveCount(1);
  await expect(hints.nth(0)).toBeFocused();
  await expect(hints.nth(0)).toContainText('Hint 1:');
  await expect(button).toHaveText('Show a hint (2 of 3)');
  await button.click();
  await expect(hints.filter({ visible: true })).toHaveCount(2);
  await button.click();
  await expect(hints.filter({ visible: true })).toHaveCount(3);
  await expect(hints.nth(2)).toContainText('FROM python:3.13-slim-bookworm');
  await expect(button).toBeHidden();
  // remembered without any edit, and the starter is not counted as work
  expect((await storedDocument(page)).exercises[PIN]).toMatchObject({ hintsShown: 3, completed: false });
  await page.reload();
  const again = await mounted(page, PIN);
  await expect(again.locator('.ex-hint').filter({ visible: true })).toHaveCount(3);
  await expect(again.locator('.ex-save-state')).not.toContainText('Restored');
});

test('the solution: asked first, shown as a diff, applied, and undone', async ({ page }, testInfo) => {
  await page.goto('/02-pin-base-images/');
  const ex = await mounted(page, PIN);
  const starter = await editorText(ex);
  await ex.locator('.ex-solution-button').click();
  // asked first: nothing is shown yet
  const confirm = ex.locator('.ex-solution-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('Look at the solution?');
  await expect(ex.locator('.ex-solution')).toBeHidden();
  await expect(ex.locator('.ex-confirm-solution')).toBeFocused();
  await ex.locator('.ex-cancel-solution').click();
  await expect(confirm).toBeHidden();
  await expect(ex.locator('.ex-solution-button')).toBeFocused();

  await ex.locator('.ex-solution-button').click();
  await ex.locator('.ex-confirm-solution').click();
  const diff = ex.locator('.ex-diff');
  await expect(diff.locator('.ex-diff-remove')).toHaveText(['− FROM python']);
  await expect(diff.locator('.ex-diff-add')).toHaveText(['+ FROM python:3.13-slim-bookworm']);
  await expect(diff.locator('.ex-diff-same').first()).toHaveText('  WORKDIR /app');
  await expect(ex.locator('.ex-solution-button')).toHaveAttribute('aria-expanded', 'true');
  const shot = testInfo.outputPath('solution-diff.png');
  await ex.locator('.ex-help').screenshot({ path: shot });
  await testInfo.attach('solution diff', { path: shot, contentType: 'image/png' });

  await ex.locator('.ex-apply-button').click();
  await expect(ex).toHaveAttribute('data-complete', 'true');
  await expect(ex.locator('.ex-solution')).toBeHidden();
  const undo = ex.locator('.ex-undo-button');
  await expect(undo).toHaveText('Undo use of the solution');
  await expect(undo).toBeFocused();
  await expect(ex.locator('.ex-action-note')).toContainText('The solution is in the editor');
  expect(await editorText(ex)).toContain('FROM python:3.13-slim-bookworm');

  await undo.click();
  await expect(ex).toHaveAttribute('data-grade', '2/4');
  await expect(ex).not.toHaveAttribute('data-complete', 'true');
  expect(await editorText(ex)).toBe(starter);
  await expect(undo).toBeHidden();
  await expect(ex.locator('.ex-action-note')).toHaveText('Your text is back.');
  // completing once is never lost: the exercise stays done on the course map
  expect((await storedDocument(page)).exercises[PIN]).toMatchObject({ completed: true, files: { Dockerfile: starter } });
});

test('reset brings the starter back, and undo brings the learner\'s text back', async ({ page }) => {
  await page.goto('/02-pin-base-images/');
  const ex = await mounted(page, PIN);
  const starter = await editorText(ex);
  await monacoGoToLineEnd(page, ex, 1);
  await page.keyboard.type(':3.13');
  await expect(ex).toHaveAttribute('data-grade', '3/4');
  const mine = await editorText(ex);
  await ex.locator('.ex-reset-button').click();
  await expect(ex).toHaveAttribute('data-grade', '2/4');
  expect(await editorText(ex)).toBe(starter);
  await expect(ex.locator('.ex-action-note')).toContainText('The starter text is back');
  await ex.locator('.ex-undo-button').click();
  await expect(ex).toHaveAttribute('data-grade', '3/4');
  expect(await editorText(ex)).toBe(mine);
  await expect(ex.locator('.ex-save-state')).toContainText('Saved');
  expect((await storedDocument(page)).exercises[PIN].files.Dockerfile).toContain('FROM python:3.13\n');
});
