/** We ship the site the way we teach: our own Dockerfile passes our own rules at error and warning. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/index.ts';
import type { ContextFile } from '../../../src/engine/types.ts';

const root = new URL('../../../', import.meta.url).pathname;

function walk(dir: string, out: ContextFile[] = []): ContextFile[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git' || name === 'dist' || name === '.cache' || name === '.astro' || name === 'test-results' || name === 'playwright-report') continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else out.push({ path: relative(root, p), size: st.size });
  }
  return out;
}

describe('the site Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const dockerignore = readFileSync(join(root, '.dockerignore'), 'utf8');

  it('has no finding at error or warning from our own engine', () => {
    const findings = lint({ dockerfile, dockerignore, context: walk(root) });
    const serious = findings.filter((f) => f.severity !== 'info').map((f) => `${f.range.start.line + 1}: ${f.rule}: ${f.message}`);
    expect(serious).toEqual([]);
  });

  it('pins both stages by digest and runs as a non-root numeric UID with a health check', () => {
    expect(dockerfile).toMatch(/^FROM node:[^\s@]+@sha256:[0-9a-f]{64} AS build$/m);
    expect(dockerfile).toMatch(/^FROM nginxinc\/nginx-unprivileged:[^\s@]+@sha256:[0-9a-f]{64}$/m);
    expect(dockerfile).toMatch(/^USER [1-9]\d{4,}(:0)?$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toMatch(/^CMD \[/m);
  });
});
