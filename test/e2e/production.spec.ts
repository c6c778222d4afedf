/**
 * The production configuration, exercised for real: nginx with deploy/nginx serves the built site
 * (scripts/serve-nginx.sh). Headers are asserted, Monaco and the engine worker must work under the
 * strict CSP with zero console errors, and no page may request anything from another origin.
 */
import { expect, test } from '@playwright/test';

const servedByNginx = process.env.SHIPSHAPE_SERVED_BY === 'nginx' || process.env.SHIPSHAPE_SERVED_BY === 'external';

test.describe('production server', () => {
  test.skip(!servedByNginx, 'nginx is not installed: the site is served by astro preview, without production headers');

  test('security headers and caching', async ({ request }) => {
    const html = await request.get('/02-pin-base-images/');
    expect(html.status()).toBe(200);
    const h = html.headers();
    const csp = h['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;/);
    expect(csp.replace("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval');
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['permissions-policy']).toContain('camera=()');
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['cache-control']).toBe('no-cache');
    expect(h['server']).toBe('nginx');

    const asset = /src="(\/_astro\/[^"]+\.js)"/.exec(await html.text())?.[1];
    expect(asset).toBeTruthy();
    const js = await request.get(asset!, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(js.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers()['content-encoding']).toBe('gzip');
    expect(js.headers()['content-security-policy']).toContain("default-src 'self'");

    const health = await request.get('/healthz');
    expect(health.status()).toBe(200);
    expect(await health.text()).toBe('ok\n');
    expect(health.headers()['cache-control']).toBe('no-store');

    const missing = await request.get('/no-such-page/');
    expect(missing.status()).toBe(404);
    expect(missing.headers()['x-content-type-options']).toBe('nosniff');
  });

  test('Monaco and the engine worker run under the CSP with no console errors', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`);
    });
    await page.goto('/02-pin-base-images/');
    const ex = page.locator('section.exercise').first();
    await ex.scrollIntoViewIfNeeded();
    await expect(ex).toHaveAttribute('data-mounted', 'monaco');
    await expect(ex).toHaveAttribute('data-checker', 'ok');
    await expect(ex.locator('.monaco-editor .view-lines')).toBeVisible();
    await ex.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n# typed under the CSP');
    await expect(ex.locator('.ex-save-state')).toContainText('Saved');
    expect(problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
    expect(problems.filter((p) => !/Download the React DevTools/.test(p))).toEqual([]);
  });
});

test('no page requests anything from another origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  for (const path of ['/', '/02-pin-base-images/']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    // bring every exercise on screen so the editor and worker load too
    for (const ex of await page.locator('section.exercise').all()) {
      await ex.scrollIntoViewIfNeeded();
      await expect(ex).toHaveAttribute('data-checker', 'ok');
    }
    await page.waitForLoadState('networkidle');
  }
  expect(foreign).toEqual([]);
});
