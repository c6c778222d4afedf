/**
 * The page under bad input, in a lesson exercise and in the playground: a 1 MB paste, binary junk
 * and a 10,000-line Dockerfile keep the editor responsive (a keystroke still gets through, the main
 * thread answers quickly, the checklist or a clear message updates); a run over the time limit shows
 * "checking took too long", the worker is restarted, and the next edit is checked again; nothing the
 * learner typed is lost on reload.
 *
 * The time limit is lowered for the timeout tests with `?checker-time-limit=MS` (it can only be
 * lowered), and a genuinely large input exceeds it.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { pasteText } from './helpers.ts';

const LESSON = '/02-pin-base-images/';
const EXERCISE = 'section.exercise[data-exercise="02-pin-base-images/01-name-a-version"]';

/** A plausible Dockerfile of about `bytes` characters: many RUN lines, each a real command. */
function bigDockerfile(bytes: number, marker: string): string {
  const head = `# ${marker}\nFROM python:3.13-slim-bookworm\n`;
  const line = 'RUN pip install --no-cache-dir requests==2.32.3 && echo "a line of padding text"\n';
  return head + line.repeat(Math.ceil((bytes - head.length) / line.length)) + 'USER 10001\nCMD ["python", "app.py"]\n';
}

function tenThousandLines(marker: string): string {
  const lines = [`# ${marker}`, 'FROM python:3.13-slim-bookworm'];
  for (let i = 0; i < 10_000; i++) lines.push(i % 3 === 0 ? `RUN echo step-${i}` : i % 3 === 1 ? `ENV VAR_${i}=value-${i}` : `COPY file-${i}.txt /app/`);
  return `${lines.join('\n')}\n`;
}

/** NUL bytes, control characters, lone surrogates and random code units: what `cat image.png` pastes. */
function binaryJunk(size: number): string {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  let out = '';
  for (let i = 0; i < size; i++) out += String.fromCharCode(i % 97 === 0 ? 0 : next() % 0x10000);
  return out;
}

/** Records main-thread long tasks from now on (Chromium's Long Tasks API). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks));
}

/** The main thread answers: several page.evaluate round trips, the slowest one timed. */
async function expectResponsive(page: Page, limitMs = 1_000): Promise<void> {
  let slowest = 0;
  for (let i = 0; i < 5; i++) {
    const started = Date.now();
    await page.evaluate(() => document.readyState);
    slowest = Math.max(slowest, Date.now() - started);
    await page.waitForTimeout(50);
  }
  expect(slowest, 'page.evaluate round trip (ms)').toBeLessThan(limitMs);
}

/** Types `#` at the very start of `text` (the editor's text) and returns how long until the editor shows it. */
async function keystrokeGetsThrough(page: Page, editor: Locator, text: string): Promise<number> {
  await editor.click();
  await page.keyboard.press('Control+Home');
  const firstLine = async () => ((await editor.locator('.view-line').first().textContent()) ?? '').replace(/\u00a0/g, ' ');
  // printable start of the first line (Monaco draws control characters as symbols)
  const before = (/^[ -~]*/.exec(text.split('\n')[0])?.[0] ?? '').slice(0, 20);
  const started = Date.now();
  await page.keyboard.type('#');
  await expect.poll(firstLine, { timeout: 5_000 }).toMatch(new RegExp(`^#${before.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  return Date.now() - started;
}

async function openExercise(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${LESSON}${query}`);
  const ex = page.locator(EXERCISE);
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-mounted', 'monaco');
  await expect(ex).toHaveAttribute('data-checker', 'ok');
  return ex;
}

async function openPlayground(page: Page, query = ''): Promise<Locator> {
  await page.goto(`/playground/${query}`);
  const pg = page.locator('[data-playground]');
  await expect(pg).toHaveAttribute('data-editor', 'monaco');
  await expect(pg).toHaveAttribute('data-checker', 'ok');
  return pg;
}

test.describe('a lesson exercise under bad input', () => {
  test.setTimeout(120_000);

  test('a 1 MB paste is graded, the editor stays responsive, and a reload restores it', async ({ page }) => {
    const ex = await openExercise(page);
    const editor = ex.locator('.monaco-editor');
    await watchLongTasks(page);
    const big = bigDockerfile(1_000_000, 'one-megabyte');
    await pasteText(page, editor, big);
    // the checklist updates for the pasted text (its base is tagged: the tag check passes)
    await expect(ex).toHaveAttribute('data-checker', 'ok', { timeout: 30_000 });
    await expect(ex.locator('.ex-status')).toContainText(/checks pass/);
    await expectResponsive(page);
    expect(await keystrokeGetsThrough(page, editor, big)).toBeLessThan(3_000);
    expect(await longestTask(page), 'longest main-thread task (ms)').toBeLessThan(5_000);
    await expect(ex.locator('.ex-save-state')).toContainText('Saved', { timeout: 30_000 });

    await page.reload();
    const again = page.locator(EXERCISE);
    await again.scrollIntoViewIfNeeded();
    await expect(again).toHaveAttribute('data-mounted', 'monaco');
    await expect(again.locator('.monaco-editor .view-line').first()).toContainText('## one-megabyte');
  });

  test('binary junk and a 10,000-line Dockerfile are graded without freezing the page', async ({ page }) => {
    const ex = await openExercise(page);
    const editor = ex.locator('.monaco-editor');
    await watchLongTasks(page);
    for (const [name, text] of [
      ['binary junk', `FROM python\n${binaryJunk(50_000)}`],
      ['10,000 lines', tenThousandLines('ten-thousand')],
    ] as const) {
      await pasteText(page, editor, text);
      // either the checklist is graded again or a message says why not
      await expect(ex.locator('.ex-status'), name).toContainText(/checks pass|too long|failed|too large/, { timeout: 30_000 });
      await expect(ex, name).toHaveAttribute('data-checker', /ok|timeout|error/);
      await expectResponsive(page);
      expect(await keystrokeGetsThrough(page, editor, text), name).toBeLessThan(3_000);
    }
    expect(await longestTask(page), 'longest main-thread task (ms)').toBeLessThan(5_000);
  });

  test('a run over the time limit shows "checking took too long", and the next edit is checked again; nothing is lost', async ({ page }) => {
    const ex = await openExercise(page, '?checker-time-limit=1000');
    const editor = ex.locator('.monaco-editor');
    await pasteText(page, editor, bigDockerfile(1_500_000, 'too-slow'));
    await expect(ex).toHaveAttribute('data-checker', 'timeout', { timeout: 30_000 });
    await expect(ex.locator('.ex-status')).toContainText('Checking took too long');
    await expect(ex.locator('.ex-status')).toContainText('Your text is kept');
    await expectResponsive(page);

    // the text that timed out survives a reload
    await page.reload();
    const again = page.locator(EXERCISE);
    await again.scrollIntoViewIfNeeded();
    await expect(again).toHaveAttribute('data-mounted', 'monaco');
    await expect(again.locator('.monaco-editor .view-line').first()).toContainText('# too-slow');

    // the next edit gets a fresh worker and is graded
    await pasteText(page, again.locator('.monaco-editor'), 'FROM python:3.13-slim-bookworm\nUSER 10001\nCMD ["python", "app.py"]\n');
    await expect(again).toHaveAttribute('data-checker', 'ok', { timeout: 30_000 });
    await expect(again.locator('.ex-status')).toContainText(/checks pass/);
  });
});

test.describe('the playground under bad input', () => {
  test.setTimeout(120_000);

  test('a 1 MB paste and a 10,000-line Dockerfile are checked, the page stays responsive, and a reload restores the text', async ({ page }) => {
    const pg = await openPlayground(page);
    const editor = pg.locator('.monaco-editor');
    await watchLongTasks(page);
    for (const [name, text] of [
      ['1 MB', bigDockerfile(1_000_000, 'playground-megabyte')],
      ['10,000 lines', tenThousandLines('playground-lines')],
    ] as const) {
      await pasteText(page, editor, text);
      await expect(pg, name).toHaveAttribute('data-checker', /ok|timeout/, { timeout: 30_000 });
      await expect(pg.locator('.pg-score'), name).toContainText(/Score|too long/);
      await expectResponsive(page);
      expect(await keystrokeGetsThrough(page, editor, text), name).toBeLessThan(3_000);
    }
    expect(await longestTask(page), 'longest main-thread task (ms)').toBeLessThan(5_000);
    await page.waitForTimeout(500);
    await page.reload();
    const again = page.locator('[data-playground]');
    await expect(again).toHaveAttribute('data-editor', 'monaco');
    await expect(again.locator('.monaco-editor .view-line').first()).toContainText('## playground-lines');
  });

  test('binary junk is refused with a clear message, and the next edit is checked', async ({ page }) => {
    const pg = await openPlayground(page);
    const editor = pg.locator('.monaco-editor');
    await pasteText(page, editor, `FROM alpine\n${binaryJunk(50_000)}`);
    await expect(pg).toHaveAttribute('data-checker', 'binary');
    await expect(pg.locator('.pg-score')).toContainText('binary data');
    await expectResponsive(page);
    await pasteText(page, editor, 'FROM python:latest\nCMD ["python", "app.py"]\n');
    await expect(pg).toHaveAttribute('data-checker', 'ok');
    await expect(pg.locator('.pg-finding[data-rule="no-latest-tag"]')).toHaveCount(1);
  });

  test('a run over the time limit shows "checking took too long"; the worker restarts and the next edit is checked', async ({ page }) => {
    const pg = await openPlayground(page, '?checker-time-limit=1000');
    const editor = pg.locator('.monaco-editor');
    await pasteText(page, editor, bigDockerfile(1_500_000, 'playground-slow'));
    await expect(pg).toHaveAttribute('data-checker', 'timeout', { timeout: 30_000 });
    await expect(pg.locator('.pg-score')).toContainText('Checking took too long');
    await expectResponsive(page);
    await pasteText(page, editor, 'FROM python:latest\nCMD ["python", "app.py"]\n');
    await expect(pg).toHaveAttribute('data-checker', 'ok', { timeout: 30_000 });
    await expect(pg.locator('.pg-finding[data-rule="no-latest-tag"]')).toHaveCount(1);
  });
});
