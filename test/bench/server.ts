/**
 * Serving the built site for the browser benchmarks: nginx with the production configuration
 * (scripts/serve-nginx.sh) when it is installed, else `astro preview`, on a free port.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A TCP port free on the loopback right now (asked of the OS, synchronously, for config files). */
export function freePort(): number {
  const r = spawnSync(process.execPath, ['-e', "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"], { encoding: 'utf8' });
  const port = Number(r.stdout.trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`could not find a free port: ${r.stderr}`);
  return port;
}

export function nginxAvailable(): boolean {
  return ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].some((p) => existsSync(p));
}

/** The shell command that serves dist/ on the port, and what it is. */
export function serveCommand(port: number): { command: string; servedBy: string } {
  return nginxAvailable()
    ? { command: `bash scripts/serve-nginx.sh ${port}`, servedBy: 'nginx (production configuration, scripts/serve-nginx.sh)' }
    : { command: `npx astro preview --host 127.0.0.1 --port ${port}`, servedBy: 'astro preview (nginx is not installed)' };
}

/** Chromium: $CHROMIUM_PATH, else Debian's, else whatever Playwright has (undefined). */
export function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
}

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
