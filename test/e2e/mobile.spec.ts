/**
 * Phones: Monaco does not support mobile browsers, so exercises use the plain textarea there, graded
 * the same way with the same checklist; a learner who switches editors keeps that choice.
 */
import { devices, expect, test } from '@playwright/test';
import { PIN, editorText, mounted, storedDocument } from './helpers.ts';

const { defaultBrowserType: _ignored, ...phone } = devices['Pixel 7'];
test.use({ ...phone, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, serviceWorkers: 'block' });

test('on a phone the exercise uses the plain editor, grades the same, and remembers a switch of editor', async ({ page }, testInfo) => {
  await page.goto('/02-pin-base-images/');
  const ex = await mounted(page, PIN, 'plain');
  const area = ex.locator('textarea.ex-plain');
  await expect(area).toBeVisible();
  await expect(area).toHaveAttribute('aria-label', 'Dockerfile editor for the exercise "Name a version": Dockerfile');
  await expect(ex.locator('.monaco-editor')).toHaveCount(0);
  // the same grade and checklist as on a desktop
  await expect(ex).toHaveAttribute('data-grade', '2/4');
  await expect(ex.locator('.ex-check')).toHaveCount(4);
  await expect(ex.locator('.ex-check[data-state="fail"] .ex-check-label').first()).toHaveText('The base image names a tag');
  await expect(area).toHaveAttribute('aria-invalid', 'true');

  // type the fix on the touch keyboard
  await area.tap();
  await area.press('Control+Home');
  await area.press('End');
  await page.keyboard.type(':3.13-slim-bookworm');
  await expect(ex).toHaveAttribute('data-complete', 'true');
  await expect(ex.locator('.ex-status')).toHaveText('Complete: all 4 checks pass. Well done!');
  await expect(ex.locator('.ex-check[data-state="pass"]')).toHaveCount(4);
  await expect(ex.locator('.ex-save-state')).toHaveText('Saved in this browser');

  // nothing overflows the phone's width, and the checklist sits under the editor
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const editorBox = (await ex.locator('.ex-editor').boundingBox())!;
  const checksBox = (await ex.locator('.ex-checks').boundingBox())!;
  expect(checksBox.y).toBeGreaterThan(editorBox.y + editorBox.height);
  const shot = testInfo.outputPath('phone-exercise.png');
  await ex.evaluate((node) => window.scrollTo(0, node.getBoundingClientRect().top + window.scrollY - 60));
  await page.screenshot({ path: shot });
  await testInfo.attach('exercise on a phone', { path: shot, contentType: 'image/png' });

  // switch to the full editor: the text goes with it, and the choice is remembered
  await ex.getByRole('button', { name: 'Use the full editor (Monaco)' }).tap();
  await expect(ex).toHaveAttribute('data-editor', 'monaco');
  await expect(ex.locator('.monaco-editor .view-lines')).toContainText('FROM python:3.13-slim-bookworm');
  expect((await storedDocument(page)) as unknown).toMatchObject({ preferences: { plainEditor: false } });
  await page.reload();
  const again = await mounted(page, PIN, 'monaco');
  await expect(again).toHaveAttribute('data-complete', 'true');

  // and back to the plain editor, remembered too
  await again.getByRole('button', { name: 'Use the plain text editor' }).tap();
  await expect(again).toHaveAttribute('data-editor', 'plain');
  await page.reload();
  const plain = await mounted(page, PIN, 'plain');
  expect(await editorText(plain)).toContain('FROM python:3.13-slim-bookworm');
});
