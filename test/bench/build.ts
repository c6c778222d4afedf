/**
 * `npm run bench:build`: the wall-clock time of `astro build` of the whole course (every lesson,
 * exercise, rule page, the playground, search index and service worker), target under 60 s on two
 * cores. It builds into a temporary folder, so the dist/ other commands serve is left alone, and
 * keeps Astro's and Vite's caches as a developer's machine has them (BENCH_RUNS=N builds N times,
 * default 1). Rewrites the "build" section of docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { count, machine, machineLine, median, ms, verdict, writeSection } from './report.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
const TARGET_MS = 60_000;

function pages(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) n += pages(p);
    else if (e.endsWith('.html')) n++;
  }
  return n;
}

function main(): void {
  const m = machine();
  console.log(`Shipshape build benchmark\n${machineLine(m)}\n`);
  const astro = join(ROOT, 'node_modules/astro/bin/astro.mjs');
  const times: number[] = [];
  let built = 0;
  for (let i = 0; i < RUNS; i++) {
    const out = mkdtempSync(join(tmpdir(), 'shipshape-build-'));
    try {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [astro, 'build', '--outDir', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
      const dt = performance.now() - t0;
      if (r.status !== 0) {
        console.error(r.stdout.toString().slice(-4000), r.stderr.toString().slice(-4000));
        throw new Error(`astro build failed (exit ${r.status})`);
      }
      times.push(dt);
      built = pages(out);
      console.log(`build ${i + 1}: ${ms(dt)} (${count(built)} pages)`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  const t = median(times);
  const line = `- **${verdict(t < TARGET_MS)}** \`astro build\` of the whole course (${count(built)} pages) in under 60 s: ${ms(t)}${RUNS > 1 ? ` (median of ${RUNS}: ${times.map(ms).join(', ')})` : ''}`;
  console.log(`\nTarget:\n${line.replaceAll('**', '')}`);
  writeSection(
    'build',
    [
      machineLine(m, RUNS > 1 ? `, ${RUNS} builds` : ''),
      '',
      'Wall-clock time of `astro build --outDir <temporary folder>` in a checkout whose Astro and Vite caches are warm (as on a developer\'s machine); the build includes the search index and the service worker.',
      '',
      line,
    ].join('\n'),
  );
}

main();
