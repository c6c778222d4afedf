/** Every rule has its generated reference page, listed in the index, with both examples. */
import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';

const ruleIds = readdirSync(new URL('../../src/engine/rules/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3));

test('each rule file has a reference page with examples, and the index lists it', async ({ request }) => {
  expect(ruleIds.length).toBeGreaterThan(40);
  const index = await (await request.get('/rules/')).text();
  for (const id of ruleIds) {
    expect(index, `index lists ${id}`).toContain(`/rules/${id}/`);
    const res = await request.get(`/rules/${id}/`);
    expect(res.status(), `/rules/${id}/`).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="incorrect"');
    expect(html).toContain('id="correct"');
    expect(html).toContain(`# shipshape ignore=${id}`);
  }
});

test('the rule index filters by severity, fixability and text', async ({ page }) => {
  await page.goto('/rules/');
  const rows = page.locator('.rule-table tbody tr:visible');
  const all = await rows.count();
  await page.getByLabel('Has a quick fix').check();
  const fixable = await rows.count();
  expect(fixable).toBeGreaterThan(0);
  expect(fixable).toBeLessThan(all);
  await page.getByRole('searchbox').fill('DL3008');
  await expect(rows).toHaveCount(0); // apt-pin-versions has no quick fix
  await page.getByLabel('Has a quick fix').uncheck();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('apt-pin-versions');
});
