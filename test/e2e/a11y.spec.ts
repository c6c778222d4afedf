/**
 * Accessibility: axe-core on every page of the built site, in the light and the dark theme, with the
 * exercises mounted (Monaco, checklist, findings) and some progress stored so the course map shows
 * its "started" and "done" states. Pages are discovered from dist/, so a new lesson or rule page is
 * covered without touching this file. Each theme's pages are split into a few groups; every group
 * runs in its own browser context and reuses one page for all of its pages.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const DIST = new URL('../../dist/', import.meta.url).pathname;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const THEMES = ['light', 'dark'] as const;

/** Every built page as the URL a learner opens: `lesson/index.html` -> `/lesson/`; the 404 page by a missing URL. */
function builtPages(): string[] {
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
const groups: Record<string, string[]> = {
  lessons: pages.filter((p) => /^\/\d\d-[^/]+\/$/.test(p)),
  rules: pages.filter((p) => p.startsWith('/rules/')),
};
groups.other = pages.filter((p) => !groups.lessons.includes(p) && !groups.rules.includes(p));

test('the page list covers the whole site', () => {
  expect(groups.lessons.length).toBeGreaterThanOrEqual(2);
  expect(groups.rules.length).toBeGreaterThanOrEqual(10);
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

async function themedContext(browser: import('@playwright/test').Browser, theme: string): Promise<BrowserContext> {
  // no service worker: it would precache the whole site in every context, for nothing here
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(
    ([t, seeded]) => {
      localStorage.setItem('starlight-theme', t);
      if (!localStorage.getItem('shipshape:progress')) localStorage.setItem('shipshape:progress', seeded);
    },
    [theme, SEEDED] as const,
  );
  return context;
}

/** Brings every exercise on screen so Monaco and the checker load, and waits until each is graded. */
async function mountExercises(page: Page): Promise<void> {
  for (const ex of await page.locator('section.exercise:visible').all()) {
    await ex.scrollIntoViewIfNeeded();
    await expect(ex).toHaveAttribute('data-grade', /\d+\/\d+/);
  }
}

async function violations(page: Page, path: string, theme: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${theme} ${path}: [${v.id}] ${v.help}\n    at ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n/g, '\n    ') ?? ''}`),
  );
}

test.describe.configure({ mode: 'parallel' });

for (const theme of THEMES) {
  for (const [group, list] of Object.entries(groups)) {
    test(`axe: ${group} pages in the ${theme} theme have no WCAG A/AA violations`, async ({ browser }) => {
      test.setTimeout(30_000 + list.length * 8_000);
      const context = await themedContext(browser, theme);
      const page = await context.newPage();
      const found: string[] = [];
      for (const path of list) {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await mountExercises(page);
        found.push(...(await violations(page, path, theme)));
      }
      await context.close();
      expect(found, found.join('\n')).toEqual([]);
    });
  }
}
