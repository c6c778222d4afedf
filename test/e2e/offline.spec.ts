import { expect, test } from '@playwright/test';

test('offline: after the first visit the course reloads and grades without a network', async ({ page, context }) => {
  await page.goto('/02-pin-base-images/');
  // the service worker precaches every built file, then takes control
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  await context.setOffline(true);
  try {
    await page.reload();
    const ex = page.locator('section.exercise').first();
    await ex.scrollIntoViewIfNeeded();
    await expect(ex).toHaveAttribute('data-mounted', 'monaco');
    await expect(ex).toHaveAttribute('data-checker', 'ok');
    await expect(ex).toHaveAttribute('data-grade', /\d+\/\d+/);

    await page.goto('/');
    await expect(page.locator('.lesson-card').first()).toBeVisible();
    await page.goto('/playground/');
    await expect(page.locator('[data-playground]')).toHaveAttribute('data-checker', 'ok');
  } finally {
    await context.setOffline(false);
  }
});
