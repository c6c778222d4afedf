/**
 * One exercise from each part of the course, solved through the real editor: the reference solution is
 * typed into Monaco (and the .dockerignore tab where there is one), and the exercise must turn complete.
 */
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mounted, pasteInto } from './helpers.ts';

const LESSONS = new URL('../../lessons/', import.meta.url).pathname;
const ONE_PER_PART = [
  '02-pin-base-images/02-pin-a-multi-stage-build',
  '09-one-run-per-step/02-one-layer-per-step',
  '15-real-web-server/01-gunicorn-for-flask',
  '19-production-ready-status-page/01-ship-the-status-page',
];

for (const id of ONE_PER_PART) {
  test(`solve ${id} in the editor`, async ({ page }) => {
    const [lesson, name] = id.split('/');
    const dir = `${LESSONS}${lesson}/exercises/${name}/`;
    await page.goto(`/${lesson}/`);
    const ex = await mounted(page, id);
    await expect(ex).not.toHaveAttribute('data-complete', 'true');
    const files: [string, string][] = [['Dockerfile', readFileSync(`${dir}solution.Dockerfile`, 'utf8')]];
    if (existsSync(`${dir}solution.dockerignore`)) files.push(['.dockerignore', readFileSync(`${dir}solution.dockerignore`, 'utf8')]);
    for (const [file, text] of files) {
      const tab = ex.locator(`.ex-tab[data-file="${file}"]`);
      if (await tab.isVisible()) await tab.click();
      // pasted, as a learner copying the answer would
      await pasteInto(page, ex, text);
    }
    await expect(ex).toHaveAttribute('data-complete', 'true', { timeout: 20_000 });
    await expect(ex.locator('.ex-status')).toContainText('Complete');
  });
}
