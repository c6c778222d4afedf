import { expect, test } from '@playwright/test';

test('playground: paste, see findings, apply a fix, share, and reopen from the link', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/playground/');
  const pg = page.locator('[data-playground]');
  await expect(pg).toHaveAttribute('data-editor', 'monaco');
  await expect(pg).toHaveAttribute('data-checker', 'ok');
  const initial = Number(await pg.getAttribute('data-findings'));
  expect(initial).toBeGreaterThan(5);
  await expect(pg.locator('.pg-score')).toContainText('Score');
  await expect(pg.locator('.pg-finding[data-rule="no-latest-tag"]')).toHaveCount(1);

  // a quick fix from the list edits the text, and its finding goes away
  const fixable = pg.locator('.pg-finding[data-rule="apt-no-install-recommends"]');
  await expect(fixable).toHaveCount(1);
  await fixable.locator('.pg-fix').click();
  await expect(fixable).toHaveCount(0);
  await expect(pg.locator('.monaco-editor .view-lines')).toContainText('--no-install-recommends');

  // replace the text by pasting a new Dockerfile
  await pg.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('FROM python:latest\nCMD ["python", "app.py"]\n');
  await expect(pg.locator('.pg-finding[data-rule="no-latest-tag"]')).toHaveCount(1);
  await expect(pg.locator('.pg-finding[data-rule="no-untagged-base"]')).toHaveCount(0);

  // fix it by hand, the way the message says
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  for (let i = 0; i < 'latest'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('3.13-slim');
  await expect(pg.locator('.pg-finding[data-rule="no-latest-tag"]')).toHaveCount(0);

  // group by lesson
  await pg.locator('.pg-group').selectOption('lesson');
  await expect(pg.locator('.pg-group-title').first()).toContainText('Lesson');

  // share, then open the link in a new page: the text comes back from the fragment
  await pg.locator('.pg-share').click();
  await expect(pg.locator('.pg-share-state')).toContainText('nothing is stored on a server');
  const url = page.url();
  expect(url).toMatch(/#v1\./);
  const shot = testInfo.outputPath('playground.png');
  await page.screenshot({ path: shot, fullPage: false });

  const other = await context.newPage();
  await other.goto(url);
  const pg2 = other.locator('[data-playground]');
  await expect(pg2).toHaveAttribute('data-checker', 'ok');
  await expect(pg2.locator('.monaco-editor .view-lines')).toContainText('FROM python:3.13-slim');
  await expect(pg2.locator('.pg-finding[data-rule="no-latest-tag"]')).toHaveCount(0);
});

test('playground: a broken share link falls back to the example with a message', async ({ page }) => {
  await page.goto('/playground/#v1.not-really-deflate');
  const pg = page.locator('[data-playground]');
  await expect(pg).toHaveAttribute('data-checker', 'ok');
  await expect(pg.locator('.pg-share-state')).toContainText('could not be read');
});
