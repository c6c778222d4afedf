/**
 * Accessibility: axe-core on every page of the built site, in the light and the dark theme, with the
 * exercises mounted (Monaco, checklist, findings) and some progress stored so the course map shows
 * its "started" and "done" states; then states a plain visit does not show (notices, the solution
 * diff, workshop mode, checked codes). Pages are discovered from dist/, so a new lesson or rule page is
 * covered without touching this file.
 *
 * Run time: pages are split into a few groups, each run in its own browser context that reuses one
 * page for all of its pages. Each page is loaded once: scanned in the light theme with every WCAG A/AA
 * rule, then switched to dark with Starlight's theme picker (Monaco follows) and scanned with the
 * colour rules (contrast, links told apart by colour): a theme changes colours, nothing else.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { makeCompletionCode } from '../../src/editor/workshop.ts';

const DIST = new URL('../../dist/', import.meta.url).pathname;
/**
 * axe-core is loaded into each page once, by an init script, rather than by AxeBuilder on every scan
 * (it evaluates the 550 KB source twice per scan, four times per page with two themes: most of the
 * run time). AxeBuilder then only checks it is there.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_PRELOADED = "if (typeof window.axe === 'undefined') throw new Error('axe-core was not preloaded into this page');";
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
type Theme = 'light' | 'dark';

/** Every built page as the URL a learner opens: `lesson/index.html` -> `/lesson/`; the 404 page by a missing URL. */
function builtPages(): string[] {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ has no build: run `npx astro build` first');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(p);
      } else if (name.endsWith('.html')) {
        const rel = relative(DIST, p).split(sep).join('/');
        if (rel === '404.html') out.push('/no-such-page/');
        else out.push(`/${rel.replace(/index\.html$/, '')}`);
      }
    }
  };
  walk(DIST);
  return out.sort();
}

const pages = builtPages();
const lessons = pages.filter((p) => /^\/\d\d-[^/]+\/$/.test(p));
const rules = pages.filter((p) => p.startsWith('/rules/'));
const other = pages.filter((p) => !lessons.includes(p) && !rules.includes(p));
const half = <T,>(list: T[], second: boolean) => (second ? list.slice(Math.ceil(list.length / 2)) : list.slice(0, Math.ceil(list.length / 2)));
/** Groups of similar cost, so parallel workers finish together. */
const groups: Record<string, string[]> = {
  'lessons (first half)': half(lessons, false),
  'lessons (second half)': half(lessons, true),
  'rules (first half)': half(rules, false),
  'rules (second half)': half(rules, true),
  'other pages': other,
};

test('the page list covers the whole site', () => {
  expect(lessons.length).toBeGreaterThanOrEqual(2);
  expect(rules.length).toBeGreaterThanOrEqual(10);
  expect(Object.values(groups).flat().sort()).toEqual(pages);
  for (const p of ['/', '/playground/', '/rules/', '/check/', '/ci/', '/workshop/', '/workshop/join/', '/no-such-page/']) expect(pages).toContain(p);
});

/** Progress that makes the course map show a done lesson card and a started one. */
const SEEDED = JSON.stringify({
  app: 'shipshape',
  version: 1,
  lastLesson: '02-pin-base-images',
  exercises: {
    '02-pin-base-images/01-name-a-version': {
      files: { Dockerfile: 'FROM python:3.13-slim-bookworm\n' },
      completed: true,
      updatedAt: '2026-01-01T00:00:00.000Z',
      completedAt: '2026-01-01T00:00:00.000Z',
    },
  },
});

async function lightContext(browser: Browser): Promise<BrowserContext> {
  // no service worker: it would precache the whole site in every context, for nothing here
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript({ content: AXE_SOURCE });
  await context.addInitScript((seeded) => {
    localStorage.setItem('starlight-theme', 'light');
    if (!localStorage.getItem('shipshape:progress')) localStorage.setItem('shipshape:progress', seeded);
  }, SEEDED);
  return context;
}

/** Switches the theme the way a reader does, with Starlight's theme picker; Monaco follows it. */
async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.locator('starlight-theme-select select').filter({ visible: true }).first().selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await expect(page.evaluate(() => localStorage.getItem('starlight-theme'))).resolves.toBe(theme);
}

/** Brings every exercise on screen so Monaco and the checker load, and waits until each is graded. */
async function mountExercises(page: Page): Promise<void> {
  const exercises = await page.locator('section.exercise:visible').all();
  // scroll past them all first so they load together, then wait for each grade
  for (const ex of exercises) await ex.scrollIntoViewIfNeeded();
  for (const ex of exercises) {
    if ((await ex.getAttribute('data-mounted')) === null) await ex.scrollIntoViewIfNeeded();
    await expect(ex).toHaveAttribute('data-grade', /\d+\/\d+/);
  }
}

async function violations(page: Page, what: string, theme: Theme): Promise<string[]> {
  // legacy mode runs axe in the page itself: no extra page per scan (the site has no iframes to cross);
  // collecting only violations skips most of axe's work on long pages
  const builder = new AxeBuilder({ page, axeSource: AXE_PRELOADED }).setLegacyMode(true).options({ resultTypes: ['violations'] });
  const results = await (theme === 'light' ? builder.withTags(TAGS) : builder.withRules(COLOUR_RULES)).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${theme} ${what}: [${v.id}] ${v.help}\n    at ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n/g, '\n    ') ?? ''}`),
  );
}

/** Scans the page as it is in the light theme, switches to dark, scans the colours, and switches back. */
async function scanBothThemes(page: Page, what: string): Promise<string[]> {
  const found = await violations(page, what, 'light');
  await setTheme(page, 'dark');
  found.push(...(await violations(page, what, 'dark')));
  await setTheme(page, 'light');
  return found;
}

test.describe('axe', () => {
  test.describe.configure({ mode: 'parallel' });

  for (const [group, list] of Object.entries(groups)) {
    test(`axe: ${group}, light and dark, have no WCAG A/AA violations`, async ({ browser }) => {
      test.setTimeout(30_000 + list.length * 12_000);
      const context = await lightContext(browser);
      const page = await context.newPage();
      const found: string[] = [];
      for (const path of list) {
        // module scripts (ours, Starlight's, Expressive Code's) have run by DOMContentLoaded
        await page.goto(path, { waitUntil: 'domcontentloaded' });
        await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
        await mountExercises(page);
        found.push(...(await scanBothThemes(page, path)));
      }
      await context.close();
      expect(found, found.join('\n')).toEqual([]);
    });
  }

  // states a plain visit does not show: notices, the solution diff, workshop mode, code results
  test('axe: interactive states, light and dark, have no WCAG A/AA violations', async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await lightContext(browser);
    const page = await context.newPage();
    const found: string[] = [];
    const scan = async (what: string) => found.push(...(await scanBothThemes(page, what)));

    // a lesson: hint shown, the solution asked for and shown, a reset with its undo note
    await page.goto('/02-pin-base-images/');
    await mountExercises(page);
    const ex = page.locator('section.exercise').first();
    await ex.locator('.ex-hint-button').click();
    await ex.locator('.ex-reset-button').click();
    await ex.locator('.ex-solution-button').click();
    await expect(ex.locator('.ex-solution-confirm')).toBeVisible();
    await scan('lesson: hint, reset note, solution question');
    await ex.locator('.ex-confirm-solution').click();
    await expect(ex.locator('.ex-diff-add').first()).toBeVisible();
    await ex.locator('.ex-others summary').click();
    await scan('lesson: solution diff, other findings open');

    // the instructor's page with a link and checked codes, then the learner's page and a lesson in workshop mode
    await page.goto('/workshop/');
    await page.locator('[data-lesson-toggle="02-pin-base-images"]').check();
    await page.getByRole('button', { name: 'Create the workshop link' }).click();
    const link = await page.getByLabel('Link for learners').inputValue();
    const code = await makeCompletionCode({
      selection: { title: '', exercises: ['02-pin-base-images/01-name-a-version', '02-pin-base-images/02-pin-a-multi-stage-build', '02-pin-base-images/03-declare-the-arg-before-from'], hideSolutions: false },
      learnerName: 'Ada',
      passed: { '02-pin-base-images/01-name-a-version': { Dockerfile: 'FROM python:3.13-slim-bookworm\n' } },
    });
    await page.getByLabel('Completion codes, one per line').fill(`${code}\nSHIP-0000\nnot a code`);
    await page.getByRole('button', { name: 'Check the codes' }).click();
    await expect(page.locator('.ws-table')).toBeVisible();
    await scan('workshop: link and checked codes');
    await page.goto(link);
    await page.getByRole('button', { name: 'Make my completion code' }).click();
    await expect(page.getByLabel('Completion code', { exact: true })).toHaveValue(/^SHIP-/);
    await scan('workshop/join: joined, with a code');
    await page.goto('/12-run-as-non-root/');
    await expect(page.locator('.ss-notice[data-kind="workshop"]')).toBeVisible();
    await mountExercises(page);
    await scan('lesson in workshop mode');

    // the course map with an import report and a set-aside document
    await page.evaluate(() => localStorage.setItem('shipshape:progress:backup:2026-01-01T00:00:00.000Z', '{broken'));
    await page.goto('/');
    await expect(page.locator('.storage-note')).toBeVisible();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.progress-import').click()]);
    await chooser.setFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(SEEDED) });
    await expect(page.locator('.progress-report')).not.toBeEmpty();
    await scan('course map: notice and import report');
    await context.close();
    expect(found, found.join('\n')).toEqual([]);
  });
});

test.describe('keyboard and screen readers', () => {
  test.use({ serviceWorkers: 'block' });
  const EX = '02-pin-base-images/01-name-a-version';
  const focusedIn = (page: Page, selector: string) => page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);

  test('the editor has an accessible name, and grading results are announced in a live region', async ({ page }) => {
    await page.goto('/02-pin-base-images/');
    const ex = page.locator(`section.exercise[data-exercise="${EX}"]`);
    await ex.scrollIntoViewIfNeeded();
    await expect(ex).toHaveAttribute('data-grade', '2/4');
    const editor = ex.getByRole('textbox', { name: 'Dockerfile editor for the exercise "Name a version". Press Control M to toggle whether Tab moves focus.' });
    await expect(editor).toHaveCount(1);
    const status = ex.getByRole('status').filter({ hasText: 'checks pass' });
    await expect(status).toHaveAttribute('aria-live', 'polite');
    await expect(status).toHaveAttribute('aria-atomic', 'true');
    await expect(status).toHaveText('2 of 4 checks pass.');
    // each check's state is spoken, not only drawn (a visually hidden text next to the icon)
    await expect(ex.locator('.ex-check-sr').first()).toHaveText('does not pass yet');
    await editor.focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.type(':3.13-slim');
    await expect(status).toHaveText('Complete: all 4 checks pass. Well done!');
    await expect(ex.locator('.ex-check-sr').first()).toHaveText('passes');
  });

  test('keyboard only: into the editor, out with Ctrl+M, a hint, the solution asked for and applied, then undone', async ({ page }) => {
    // following a link to the exercise moves the keyboard's starting point to its heading
    await page.goto(`/02-pin-base-images/#exercise-${EX.replace(/[^a-z0-9]+/gi, '-')}`);
    const ex = page.locator(`section.exercise[data-exercise="${EX}"]`);
    await expect(ex).toHaveAttribute('data-grade', '2/4');
    await page.keyboard.press('Tab');
    expect(await focusedIn(page, `section[data-exercise="${EX}"] .monaco-editor`)).toBe(true);
    // Tab indents inside the editor...
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Tab');
    expect(await focusedIn(page, '.monaco-editor')).toBe(true);
    await page.keyboard.press('Control+z');
    // ...until Ctrl+M makes it move focus
    await page.keyboard.press('Control+m');
    await page.keyboard.press('Tab');
    await expect(ex.locator('.ex-switch-editor')).toBeFocused();

    // on to the hint button; every stop on the way is inside this exercise
    const hint = ex.locator('.ex-hint-button');
    for (let i = 0; i < 6 && !(await hint.evaluate((b) => b === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
      expect(await focusedIn(page, `section[data-exercise="${EX}"]`)).toBe(true);
    }
    await expect(hint).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(ex.locator('.ex-hint').first()).toBeFocused();
    await expect(ex.locator('.ex-hint').first()).toBeVisible();
    await expect(ex.locator('.ex-hint').nth(1)).toBeHidden();

    // the solution: asked first, then shown, then applied
    const solution = ex.locator('.ex-solution-button');
    for (let i = 0; i < 4 && !(await solution.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(solution).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(ex.locator('.ex-confirm-solution')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(ex.locator('.ex-solution-intro')).toBeFocused();
    await expect(ex.locator('.ex-diff-add')).toHaveText(['+ FROM python:3.13-slim-bookworm']);
    await page.keyboard.press('Tab');
    await expect(ex.locator('.ex-apply-button')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(ex).toHaveAttribute('data-complete', 'true');
    await expect(ex.getByRole('status').filter({ hasText: 'checks pass' })).toHaveText('Complete: all 4 checks pass. Well done!');

    // undo, by keyboard: focus is already on it
    const undo = ex.locator('.ex-undo-button');
    await expect(undo).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(ex).toHaveAttribute('data-grade', '2/4');
    await expect(ex.locator('.ex-action-note')).toHaveText('Your text is back.');
    // focus returns to the editor, ready to type
    expect(await focusedIn(page, `section[data-exercise="${EX}"] .monaco-editor`)).toBe(true);
  });
});
