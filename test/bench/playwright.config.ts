/**
 * `npm run bench:web`: the browser benchmark (test/bench/web.spec.ts), outside the test suite. It
 * serves the built site (run `npm run build` first) the production way on a free port.
 */
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath, freePort, serveCommand } from './server.ts';

const port = Number(process.env.SHIPSHAPE_BENCH_PORT ?? freePort());
process.env.SHIPSHAPE_BENCH_PORT = String(port);
const { command, servedBy } = serveCommand(port);
process.env.SHIPSHAPE_SERVED_BY = servedBy;
const executablePath = chromiumPath();

export default defineConfig({
  testDir: '.',
  testMatch: 'web.spec.ts',
  outputDir: '../../test-results/bench',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 10 * 60_000,
  reporter: 'list',
  use: { baseURL: `http://127.0.0.1:${port}`, trace: 'off' },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_FLAGS.filter((f) => f !== '--headless') },
      },
    },
  ],
  webServer: { command, url: `http://127.0.0.1:${port}/`, cwd: '../..', stdout: 'ignore', stderr: 'pipe', reuseExistingServer: false, timeout: 60_000 },
});
