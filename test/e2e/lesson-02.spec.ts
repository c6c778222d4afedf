import { expect, test, type Page } from '@playwright/test';

const LESSON = '/02-pin-base-images/';
const EX1 = 'section.exercise[data-exercise="02-pin-base-images/01-name-a-version"]';

async function waitForMonaco(page: Page, section: string) {
  const ex = page.locator(section);
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-mounted', 'monaco');
  await expect(ex.locator('.monaco-editor .view-lines')).toBeVisible();
  await expect(ex).toHaveAttribute('data-grade', /\d+\/\d+/);
  return ex;
}

test('lesson 02: type a fix in Monaco, the checklist completes, and a reload restores it', async ({ page }, testInfo) => {
  await page.goto(LESSON);
  const ex = page.locator(EX1);
  // before the editor loads, the starter is readable as plain text
  await expect(ex.locator('.ex-static')).toContainText('FROM python');

  await waitForMonaco(page, EX1);
  await expect(ex).toHaveAttribute('data-grade', '2/4');
  await expect(ex.locator('.ex-status')).toContainText('2 of 4 checks pass');
  // the untagged base is marked in the editor
  const errorMarker = ex.locator('.monaco-editor .squiggly-error');
  await expect(errorMarker.first()).toBeVisible();
  await expect(ex).toHaveAttribute('data-marked', /(^| )no-untagged-base( |$)/);

  // type the fix: put the cursor after `FROM python` on line 1 and add the tag
  await ex.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.type(':3.13-slim-bookworm');

  await expect(ex).toHaveAttribute('data-complete', 'true');
  await expect(ex.locator('.ex-status')).toContainText('Complete: all 4 checks pass');
  await expect(ex.locator('.ex-check[data-state="pass"]')).toHaveCount(4);
  // the untagged-base marker is gone (rules taught later may still mark other lines)
  await expect(ex).not.toHaveAttribute('data-marked', /(^| )no-untagged-base( |$)/);
  await expect(ex.locator('.ex-save-state')).toContainText('Saved');

  // a screenshot of the graded lesson as a learner sees it (used in the README)
  await ex.evaluate((node) => window.scrollTo(0, node.getBoundingClientRect().top + window.scrollY - 80));
  const shot = testInfo.outputPath('lesson-02-graded.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('graded lesson', { path: shot, contentType: 'image/png' });

  await page.reload();
  const again = await waitForMonaco(page, EX1);
  await expect(again).toHaveAttribute('data-complete', 'true');
  await expect(again.locator('.monaco-editor .view-lines')).toContainText('FROM python:3.13-slim-bookworm');
  await expect(again.locator('.ex-save-state')).toContainText('Restored');
});

test.describe('lazy loading', () => {
// the offline service worker precaches everything after load; this is about what the page itself requests
test.use({ serviceWorkers: 'block' });
test('the editor loads lazily: no Monaco before an exercise is on screen', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto(LESSON);
  await page.waitForLoadState('networkidle');
  expect(requested.some((u) => /monaco-editor|editor\.worker/.test(u))).toBe(false);
  await page.locator(EX1).scrollIntoViewIfNeeded();
  await expect(page.locator(EX1)).toHaveAttribute('data-mounted', 'monaco');
  expect(requested.some((u) => /monaco-editor/.test(u))).toBe(true);
});
});
