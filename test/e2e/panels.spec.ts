/**
 * The build preview under an exercise: the project tree and the Build context, Image, Layers and
 * Cache panels update live as the learner edits the .dockerignore and the Dockerfile. Screenshots of
 * each panel, in both themes, are attached to the report.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { exercise, mounted, pasteInto } from './helpers.ts';

const CONTEXT_EX = '11-dockerignore-and-build-context/01-write-the-dockerignore';
const IMAGE_EX = '17-pid1-signals-logs/01-exec-form';
const CACHE_EX = '10-layer-order-and-cache/01-install-before-the-code';
const MULTI_EX = '10-layer-order-and-cache/02-slow-steps-first-labels-last';
const CLOSED_EX = '02-pin-base-images/01-name-a-version';
const PATTERNS_EX = '11-dockerignore-and-build-context/02-patterns-that-miss';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function contextOf(id: string): { path: string; size: number }[] {
  const [lesson, name] = id.split('/');
  return JSON.parse(readFileSync(new URL(`../../lessons/${lesson}/exercises/${name}/exercise.json`, import.meta.url), 'utf8')).context;
}

async function shoot(page: Page, target: Locator, testInfo: TestInfo, name: string): Promise<void> {
  await target.evaluate((node) => window.scrollTo(0, node.getBoundingClientRect().top + window.scrollY - 70));
  const path = testInfo.outputPath(`${name}.png`);
  await target.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Replaces the text of the file shown in Monaco, as a paste does. */
const replaceText = pasteInto;

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ context }) => {
      await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    });

    test('build context: typing a .dockerignore line excludes files in the tree and the panel, and the total drops', async ({ page }, testInfo) => {
      const files = contextOf(CONTEXT_EX);
      const total = files.reduce((n, f) => n + f.size, 0);
      const modules = files.filter((f) => f.path.startsWith('node_modules/'));
      const modulesSize = modules.reduce((n, f) => n + f.size, 0);

      await page.goto('/11-dockerignore-and-build-context/');
      const ex = await mounted(page, CONTEXT_EX);
      const tree = ex.locator('.ex-tree');
      const preview = ex.locator('.ex-preview');
      // the exercise asks for the context panel first, and its project tree starts open
      await expect(tree).toHaveAttribute('open', '');
      await expect(preview).toHaveAttribute('data-open', 'true');
      await expect(preview.locator('.ex-preview-tab[aria-selected="true"]')).toHaveText('Build context');
      const summary = preview.locator('.ex-preview-panel[data-panel="context"] .ex-pv-summary');
      await expect(summary).toHaveAttribute('data-sent-bytes', String(total));
      await expect(summary).toHaveAttribute('data-sent-files', String(files.length));
      await expect(tree.locator('li[data-path="node_modules"]')).toHaveAttribute('data-state', 'sent');
      // `COPY . .` takes everything, so `.env` is flagged as a secret on its way into the image
      await expect(tree.locator('li[data-path=".env"]')).toHaveAttribute('data-secret', 'true');
      await shoot(page, ex, testInfo, `context-before-${theme}`);

      // type the first line of the .dockerignore
      await ex.locator('.ex-tab[data-file=".dockerignore"]').click();
      await ex.locator('.monaco-editor .view-lines').click();
      await page.keyboard.type('node_modules\n');

      const nodeModules = tree.locator('li[data-path="node_modules"]');
      await expect(nodeModules).toHaveAttribute('data-state', 'excluded');
      await expect(nodeModules.locator('.ex-tree-note').first()).toHaveText('excluded by node_modules (line 1)');
      await expect(summary).toHaveAttribute('data-sent-bytes', String(total - modulesSize));
      await expect(summary).toHaveAttribute('data-sent-files', String(files.length - modules.length));
      await expect(summary).toContainText(`kept out: ${modules.length} files`);
      const patterns = preview.locator('.ex-ctx-patterns tbody tr');
      await expect(patterns).toHaveCount(1);
      await expect(patterns.first()).toContainText(`excludes ${modules.length} files, 195 MB`);
      await expect(tree.locator('.ex-tree-stats')).toContainText(`the build receives ${files.length - modules.length} files`);

      // .env next: the secret leaves the context, and no-secret-files stops reporting `COPY . .`
      await page.keyboard.type('.env\n');
      await expect(tree.locator('li[data-path=".env"]')).toHaveAttribute('data-state', 'excluded');
      await expect(tree.locator('li[data-path=".env"]')).not.toHaveAttribute('data-secret', 'true');
      await expect(tree.locator('li[data-path=".env"] .ex-tree-note')).toHaveText('excluded by .env (line 2)');
      await expect(preview.locator('.ex-ctx-source[data-status="ok"]').filter({ hasText: /^\.:/ }).locator('.ex-pv-finding')).toHaveCount(0);
      await shoot(page, ex, testInfo, `context-after-${theme}`);

      // excluding a file the Dockerfile names: the COPY source turns red with the line that did it
      await page.keyboard.type('package-lock.json\n');
      const lock = preview.locator('.ex-ctx-source[data-status="ignored"]').filter({ hasText: 'package-lock.json' });
      await expect(lock).toContainText('excluded by package-lock.json (line 3)');
      await expect(lock.locator('.ex-pv-finding')).toContainText('the build fails');
    });

    test('image: editing USER and CMD updates the config, and shell form shows /bin/sh -c', async ({ page }, testInfo) => {
      await page.goto('/17-pid1-signals-logs/');
      const ex = await mounted(page, IMAGE_EX);
      const preview = ex.locator('.ex-preview');
      await expect(preview).toHaveAttribute('data-open', 'true');
      await expect(preview.locator('.ex-preview-tab[aria-selected="true"]')).toHaveText('Image');
      const panel = preview.locator('.ex-preview-panel[data-panel="image"]');
      const user = panel.locator('tr[data-field="User"]');
      const cmd = panel.locator('tr[data-field="Cmd"]');
      await expect(user).toContainText('"10001"');
      await expect(user.locator('[data-kind="non-root"]')).toBeVisible();
      // the starter's CMD is in shell form: Docker wraps it in /bin/sh -c, and the shell is PID 1
      await expect(cmd.locator('.ex-pv-shell')).toHaveText('"/bin/sh", "-c"');
      await expect(cmd.locator('[data-kind="shell"]')).toContainText('/bin/sh -c');
      await expect(panel.locator('.ex-img-pid1')).toHaveAttribute('data-shell-form', 'true');
      // the healthcheck shows Docker's defaults for what the starter does not write, marked as defaults
      await expect(panel.locator('tr[data-field="Healthcheck"] dd[data-default="true"]')).toHaveCount(2);
      await shoot(page, preview, testInfo, `image-shell-form-${theme}`);

      const starter = await ex.evaluate((node) => JSON.parse(node.querySelector('script.ex-data')?.textContent ?? '{}').files.dockerfile.starter as string);
      const exec = starter
        .replace('USER 10001', 'USER root')
        .replace(/^CMD .*$/m, 'CMD ["uvicorn", "invoices.main:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]');
      await replaceText(page, ex, exec);
      await expect(user).toContainText('"root"');
      await expect(user.locator('[data-kind="root"]')).toBeVisible();
      await expect(cmd.locator('[data-kind="exec"]')).toBeVisible();
      await expect(cmd).not.toContainText('/bin/sh');
      await expect(cmd.locator('code').first()).toHaveText('["uvicorn", "invoices.main:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]');
      await expect(panel.locator('.ex-img-pid1')).toHaveAttribute('data-shell-form', 'false');
      await expect(cmd.locator('.ex-pv-origin')).toHaveText(/line \d+/);

      // and back to shell form
      await replaceText(page, ex, exec.replace(/^CMD .*$/m, 'CMD uvicorn invoices.main:app'));
      await expect(cmd.locator('.ex-pv-shell')).toHaveText('"/bin/sh", "-c"');
      await expect(cmd).toContainText('"uvicorn invoices.main:app"');

      // the Layers tab: docker history rows and the total next to the base's size
      await preview.locator('.ex-preview-tab[data-panel="layers"]').click();
      const layers = preview.locator('.ex-preview-panel[data-panel="layers"]');
      await expect(layers.locator('.ex-lay-table tbody tr').first()).toContainText('FROM python:3.13-slim-bookworm');
      await expect(layers.locator('.ex-lay-base')).toContainText('≈ 42 MB');
      await expect(layers.locator('.ex-lay-table tr[data-keyword="CMD"]')).toContainText('0 B');
      await shoot(page, preview, testInfo, `layers-${theme}`);
    });

    test('cache: marking a changed file shows which layers are rebuilt, from which instruction', async ({ page }, testInfo) => {
      await page.goto('/10-layer-order-and-cache/');
      const ex = await mounted(page, CACHE_EX);
      const preview = ex.locator('.ex-preview');
      await expect(preview.locator('.ex-preview-tab[aria-selected="true"]')).toHaveText('Cache');
      const panel = preview.locator('.ex-preview-panel[data-panel="cache"]');
      // the exercise's own question is marked already: editing src/main.py
      const mainPy = panel.getByRole('checkbox', { name: /src\/main\.py/ });
      await expect(mainPy).toBeChecked();
      const pip = panel.locator('.ex-cache-table tr[data-keyword="RUN"]').filter({ hasText: 'pip install' });
      await expect(pip).toHaveAttribute('data-cached', 'false');
      await expect(pip).toContainText('It comes after');
      await expect(panel.locator('.ex-cache-summary')).toContainText('again, from COPY . . (line 4) on');

      // nothing marked: nothing to show
      await mainPy.uncheck();
      await expect(panel.locator('.ex-cache-empty')).toBeVisible();
      await expect(mainPy).toBeFocused();

      // README.md is copied too (COPY . .): it rebuilds the same steps, and the summary says how long
      await panel.getByRole('checkbox', { name: /README\.md/ }).check();
      await expect(panel.locator('.ex-cache-summary')).toHaveAttribute('data-rebuilt', '5');
      await expect(panel.locator('.ex-cache-summary')).toContainText(/about \d+ s/);
      await expect(panel.locator('.ex-cache-table tr[data-cached="true"]')).toHaveCount(2);

      // the learner fixes the order: now a change to src/main.py keeps pip install cached
      const starter = await ex.evaluate((node) => JSON.parse(node.querySelector('script.ex-data')?.textContent ?? '{}').files.dockerfile.solution as string);
      await replaceText(page, ex, starter);
      await panel.getByRole('checkbox', { name: /README\.md/ }).uncheck();
      await mainPy.check();
      await expect(pip).toHaveAttribute('data-cached', 'true');
      await expect(panel.locator('.ex-cache-table tr[data-cached="false"]').first()).toContainText('COPY . .');
      await shoot(page, preview, testInfo, `cache-${theme}`);
    });
  });
}

test('multi-stage: the stage picker shows a builder stage, and the cache view follows it', async ({ page }) => {
  await page.goto('/10-layer-order-and-cache/');
  const ex = await mounted(page, MULTI_EX);
  const panel = ex.locator('.ex-preview-panel[data-panel="cache"]');
  await panel.getByRole('checkbox', { name: /src\/server\.ts/ }).check();
  const table = panel.locator('.ex-cache-table');
  await expect(table.locator('.ex-cache-stage-row')).toHaveText(['Stage build', 'Stage 1 (the final image)']);
  await panel.getByLabel('Stage').selectOption('build');
  await expect(table.locator('.ex-cache-stage-row')).toHaveCount(0);
  await expect(table.locator('tr[data-keyword="RUN"]').filter({ hasText: 'npm ci' })).toHaveAttribute('data-cached', 'false');
  // the pick is shared by the image tabs
  await ex.locator('.ex-preview-tab[data-panel="image"]').click();
  await expect(ex.locator('.ex-preview-panel[data-panel="image"]').getByLabel('Stage')).toHaveValue('build');
  await expect(ex.locator('.ex-preview-panel[data-panel="image"] tr[data-field="WorkingDir"]')).toContainText('"/src"');
});

test('an exercise without `preview` offers the panels closed; tabs work from the keyboard', async ({ page }) => {
  await page.goto('/02-pin-base-images/');
  const ex = await mounted(page, CLOSED_EX);
  const preview = exercise(page, CLOSED_EX).locator('.ex-preview');
  const toggle = preview.locator('.ex-preview-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(preview.locator('.ex-preview-body')).toBeHidden();
  // no project files: no tree, no context or cache tab
  await expect(ex.locator('.ex-tree')).toHaveCount(0);

  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const tabs = preview.getByRole('tab');
  await expect(tabs).toHaveText(['Image', 'Layers']);
  await expect(preview.getByRole('tabpanel')).toHaveCount(1);
  await expect(preview.locator('tr[data-field="Cmd"]')).toContainText('gunicorn');
  await expect(preview.locator('tr[data-field="Cmd"] [data-kind="exec"]')).toBeVisible();
  await tabs.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.nth(1)).toBeFocused();
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(preview.getByRole('tabpanel')).toContainText('FROM python');
  await page.keyboard.press('Home');
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.nth(1)).toHaveAttribute('tabindex', '-1');
});

// the site-wide axe spec sees only the panel each exercise opens first: here every tab is scanned, with data in it
for (const theme of ['light', 'dark'] as const) {
  test(`axe: every panel and the project tree, ${theme} theme`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await page.goto('/11-dockerignore-and-build-context/');
    const ex = await mounted(page, PATTERNS_EX);
    const selector = `section.exercise[data-exercise="${PATTERNS_EX}"]`;
    const found: string[] = [];
    for (const tab of ['context', 'image', 'layers', 'cache']) {
      await ex.locator(`.ex-preview-tab[data-panel="${tab}"]`).click();
      if (tab === 'cache') await ex.getByRole('checkbox', { name: /packages\/ui\/src\/index\.js/ }).check();
      await expect(ex.locator(`.ex-preview-panel[data-panel="${tab}"] .ex-pv-content > :not(.ex-pv-waiting)`).first()).toBeVisible();
      if (tab === 'cache') await expect(ex.locator('.ex-cache-table')).toBeVisible();
      const results = await new AxeBuilder({ page }).include(`${selector} .ex-preview`).include(`${selector} .ex-tree`).withTags(TAGS).analyze();
      found.push(...results.violations.flatMap((v) => v.nodes.map((n) => `${tab}: [${v.id}] ${v.help} at ${n.target.join(' ')}\n  ${n.failureSummary ?? ''}`)));
    }
    expect(found, found.join('\n')).toEqual([]);
  });
}
