/**
 * Page-weight budgets, measured in the browser on the built site (sizes are gzip level 9 of the files
 * served, so the figures are deterministic). For a lesson page:
 * - JavaScript loaded before the editor starts: at most 30 KB (site search aside, as Starlight's own
 *   budget counts it);
 * - Monaco and everything the editor loads while a learner types, hovers and asks for a quick fix
 *   (its chunks, language, CSS, fonts, workers): at most 850 KB, and only once an exercise is on screen;
 * - the engine worker (the checker, shared by the plain editor too): at most 150 KB;
 * - the HTML of every lesson: at most 40 KB.
 * The report lists each file.
 */
import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = new URL('../../dist/', import.meta.url).pathname;
const KB = 1024;
const BUDGET = { preEditorJs: 30 * KB, editor: 850 * KB, checker: 150 * KB, html: 40 * KB };
const gz = (path: string) => gzipSync(readFileSync(join(DIST, path)), { level: 9 }).length;
const kb = (n: number) => `${(n / KB).toFixed(1).padStart(7)} KB`;

function lessonPages(): string[] {
  return readdirSync(DIST).filter((d) => /^\d\d-/.test(d) && statSync(join(DIST, d)).isDirectory() && existsSync(join(DIST, d, 'index.html')));
}

test('every lesson page’s HTML is at most 40 KB gzip', () => {
  const pages = lessonPages();
  expect(pages.length).toBeGreaterThan(0);
  const rows = pages.map((p) => ({ p, size: gz(`${p}/index.html`) }));
  console.log(['Lesson HTML (gzip):', ...rows.map((r) => `${kb(r.size)}  /${r.p}/`)].join('\n'));
  for (const r of rows) expect.soft(r.size, `/${r.p}/`).toBeLessThanOrEqual(BUDGET.html);
});

test.describe('page loading', () => {
// the offline service worker precaches the whole site in the background after the first load; what is
// measured here is what the page itself loads
test.use({ serviceWorkers: 'block' });

test('a lesson loads little JavaScript up front and the editor only when an exercise is on screen', async ({ page }) => {
  const lesson = lessonPages().includes('02-pin-base-images') ? '02-pin-base-images' : lessonPages()[0];
  const requested: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/_astro/') && !requested.includes(path)) requested.push(path);
  });
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto(`/${lesson}/`);
  await page.waitForLoadState('networkidle');
  // site search (Starlight's Search component and the Pagefind UI it imports) is counted apart, as Starlight does
  const searchScript = requested.find((p) => /Search\.astro/.test(p));
  const searchDeps = searchScript
    ? [...readFileSync(join(DIST, searchScript), 'utf8').matchAll(/["'`]\.\/([^"'`]+\.js)["'`]/g)].map((m) => `/_astro/${m[1]}`).filter((p) => !/preload-helper/.test(p))
    : [];
  const upfront = requested.filter((p) => p.endsWith('.js') && p !== searchScript && !searchDeps.includes(p));
  const before = requested.length;

  const ex = page.locator('section.exercise').first();
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-mounted', 'monaco');
  await expect(ex).toHaveAttribute('data-checker', 'ok');
  // use the editor the way a learner does: type, hover a marker, open the quick-fix menu
  await ex.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nRUN echo checking');
  await ex.locator('.monaco-editor .view-lines').hover();
  await page.keyboard.press('Control+.');
  await page.waitForLoadState('networkidle');
  const later = requested.slice(before);
  const checker = later.filter((p) => /engine\.worker/.test(p));
  const editor = later.filter((p) => !checker.includes(p));

  const sum = (list: string[]) => list.reduce((n, p) => n + gz(p), 0);
  console.log(
    [
      `Page weight of /${lesson}/ (gzip):`,
      `  before the editor starts (JavaScript, search aside): ${kb(sum(upfront))}`,
      ...upfront.map((p) => `    ${kb(gz(p))}  ${p}`),
      `  the editor, once an exercise is on screen: ${kb(sum(editor))}`,
      ...editor.map((p) => `    ${kb(gz(p))}  ${p}`),
      `  the checker (engine worker): ${kb(sum(checker))}`,
      ...checker.map((p) => `    ${kb(gz(p))}  ${p}`),
    ].join('\n'),
  );
  expect(upfront.some((p) => /monaco|engine\.worker|editor\.worker/.test(p))).toBe(false);
  expect(editor.some((p) => /monaco-editor/.test(p))).toBe(true);
  expect(sum(upfront)).toBeLessThanOrEqual(BUDGET.preEditorJs);
  expect(sum(editor)).toBeLessThanOrEqual(BUDGET.editor);
  expect(sum(checker)).toBeLessThanOrEqual(BUDGET.checker);
});
});
