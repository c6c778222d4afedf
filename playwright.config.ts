import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Chromium: Playwright's own build when it is installed (`npx playwright install chromium`), else
 * $CHROMIUM_PATH, else Debian's /usr/bin/chromium (machines where Playwright cannot download browsers).
 */
function chromiumExecutable(): string | undefined {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // no bundled browser registered
  }
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(p));
}

/** nginx (the production server configuration) when it is installed; `astro preview` otherwise. */
function nginxAvailable(): boolean {
  return ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].some((p) => existsSync(p));
}

const executablePath = chromiumExecutable();
const wanted = process.env.SHIPSHAPE_SERVER;
if (wanted === 'nginx' && !nginxAvailable()) throw new Error('SHIPSHAPE_SERVER=nginx but nginx is not installed (apt-get install nginx)');
const servedBy = wanted === 'preview' ? 'preview' : nginxAvailable() ? 'nginx' : 'preview';
// the specs read this to know whether production headers are expected
process.env.SHIPSHAPE_SERVED_BY = process.env.SHIPSHAPE_BASE_URL ? 'external' : servedBy;
const PORT = Number(process.env.SHIPSHAPE_E2E_PORT ?? 4322);
const external = process.env.SHIPSHAPE_BASE_URL;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: external ?? `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: external
    ? undefined
    : {
        command: servedBy === 'nginx' ? `bash scripts/serve-nginx.sh ${PORT}` : `npx astro preview --host 127.0.0.1 --port ${PORT}`,
        url: `http://127.0.0.1:${PORT}/`,
        stdout: 'ignore',
        stderr: 'pipe',
        reuseExistingServer: !process.env.CI,
        timeout: 60_000,
      },
});
