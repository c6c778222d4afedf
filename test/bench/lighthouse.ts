/**
 * `npm run bench:lighthouse`: Lighthouse (the npm package, driving the installed Chromium) on the home
 * page and a lesson page, with its desktop and mobile presets, against the built site served the
 * production way (scripts/serve-nginx.sh, on a free port; `npm run build` first). Prints the four
 * category scores with the targets (performance >= 95 desktop and >= 90 mobile; accessibility, best
 * practices and SEO 100) and, for a score below 100, the audits that cost points, then rewrites the
 * "lighthouse" section of docs/performance.md. BENCH_RUNS=N runs each page N times and keeps the
 * median performance run (default 3: scores move with the machine's load).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, machineLine, median, table, verdict, writeSection } from './report.ts';
import { CHROMIUM_FLAGS, chromiumPath, freePort, serveCommand } from './server.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const PAGES = [
  { name: 'Home', path: '/' },
  { name: 'Lesson 02', path: '/02-pin-base-images/' },
];
const PRESETS = ['desktop', 'mobile'] as const;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const TITLES: Record<(typeof CATEGORIES)[number], string> = { performance: 'Performance', accessibility: 'Accessibility', 'best-practices': 'Best practices', seo: 'SEO' };

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  numericValue?: number;
}
interface Report {
  lighthouseVersion: string;
  environment: { hostUserAgent: string };
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
}

function target(category: string, preset: string): number {
  if (category === 'performance') return preset === 'desktop' ? 95 : 90;
  return 100;
}

async function serve(port: number): Promise<ChildProcess> {
  const { command } = serveCommand(port);
  const child = spawn('bash', ['-c', `exec ${command}`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/`);
      if (r.ok) return child;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`the server stopped: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer on port ${port}: ${stderr}`);
}

/** Lighthouse sometimes fails to record a trace on a busy machine (NO_NAVSTART...): try again, up to 3 times. */
function lighthouse(url: string, preset: (typeof PRESETS)[number], chrome: string | undefined): Report {
  for (let attempt = 1; ; attempt++) {
    try {
      return lighthouseOnce(url, preset, chrome);
    } catch (err) {
      if (attempt >= 3) throw err;
      console.log(`(${err instanceof Error ? err.message.split('\n')[0].slice(0, 160) : String(err)}; trying again)`);
    }
  }
}

function lighthouseOnce(url: string, preset: (typeof PRESETS)[number], chrome: string | undefined): Report {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-lh-'));
  const out = join(dir, 'report.json');
  try {
    const args = [
      join(ROOT, 'node_modules/lighthouse/cli/index.js'),
      url,
      '--quiet',
      '--output=json',
      `--output-path=${out}`,
      `--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`,
      ...(preset === 'desktop' ? ['--preset=desktop'] : []),
    ];
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...(chrome ? { CHROME_PATH: chrome } : {}) }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0 || !existsSync(out)) throw new Error(`lighthouse failed on ${url} (${preset}): ${r.stderr.toString().slice(-2000)}`);
    return JSON.parse(readFileSync(out, 'utf8')) as Report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const score = (r: Report, c: string) => Math.round((r.categories[c]?.score ?? 0) * 100);

/** The audits that cost a category points, heaviest first. */
function losses(r: Report, c: string): string[] {
  const cat = r.categories[c];
  if (!cat) return [];
  return cat.auditRefs
    .map((ref) => ({ ref, a: r.audits[ref.id] }))
    .filter(({ a }) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual')
    .sort((x, y) => y.ref.weight * (1 - (y.a.score ?? 0)) - x.ref.weight * (1 - (x.a.score ?? 0)))
    .map(({ ref, a }) => `${a.title} (\`${a.id}\`${a.displayValue ? `: ${a.displayValue}` : ''}; score ${Math.round((a.score ?? 0) * 100)}, weight ${ref.weight})`);
}

async function main(): Promise<void> {
  const m = machine();
  const chrome = chromiumPath();
  const port = freePort();
  const { servedBy } = serveCommand(port);
  if (!existsSync(join(ROOT, 'dist/index.html'))) throw new Error('build the site first: npm run build');
  const server = await serve(port);
  const rows: string[][] = [];
  const verdicts: string[] = [];
  const notes: string[] = [];
  let lhVersion = '';
  let browser = '';
  try {
    for (const page of PAGES) {
      for (const preset of PRESETS) {
        const runs: Report[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(lighthouse(`http://127.0.0.1:${port}${page.path}`, preset, chrome));
        // the run with the median performance score stands for the page
        const perf = median(runs.map((r) => score(r, 'performance')));
        const r = runs.find((x) => score(x, 'performance') === perf) ?? runs[0];
        lhVersion = r.lighthouseVersion;
        browser = /(?:Headless)?Chrome\/[\d.]+/.exec(r.environment.hostUserAgent)?.[0] ?? '';
        const scores = CATEGORIES.map((c) => score(r, c));
        const tbt = r.audits['total-blocking-time']?.displayValue ?? '';
        const lcp = r.audits['largest-contentful-paint']?.displayValue ?? '';
        rows.push([`${page.name} (\`${page.path}\`)`, preset, ...scores.map((s, k) => `${s}${s >= target(CATEGORIES[k], preset) ? '' : ' ✗'}`), lcp, tbt]);
        console.log(`${page.name} ${preset}: ${CATEGORIES.map((c, k) => `${c} ${scores[k]}`).join(', ')} (LCP ${lcp}, TBT ${tbt})${RUNS > 1 ? ` [performance over ${RUNS} runs: ${runs.map((x) => score(x, 'performance')).join(', ')}]` : ''}`);
        CATEGORIES.forEach((c, k) => {
          const ok = scores[k] >= target(c, preset);
          verdicts.push(`- **${verdict(ok)}** ${page.name}, ${preset}: ${TITLES[c]} ${scores[k]} (target ${target(c, preset) === 100 ? '100' : `>= ${target(c, preset)}`})`);
          if (scores[k] < 100) {
            const lost = losses(r, c);
            if (lost.length) notes.push(`- ${page.name}, ${preset}, ${TITLES[c]} ${scores[k]}: ${lost.slice(0, 5).join('; ')}`);
          }
        });
      }
    }
  } finally {
    if (server.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  const t = table(['Page', 'Preset', 'Performance', 'Accessibility', 'Best practices', 'SEO', 'LCP', 'TBT'], rows);
  console.log(`\n${t}\n\nTargets:\n${verdicts.join('\n').replaceAll('**', '')}${notes.length ? `\n\nWhere points were lost:\n${notes.join('\n')}` : ''}`);
  writeSection(
    'lighthouse',
    [
      machineLine(m, `, Lighthouse ${lhVersion}, ${browser} (headless)`),
      '',
      `Lighthouse's desktop and mobile presets (mobile: simulated slow 4G and a 4x slower CPU) on the built site served by ${servedBy}${RUNS > 1 ? `; the median of ${RUNS} runs by performance` : ''}. ✗ marks a score under its target.`,
      '',
      t,
      '',
      'Targets:',
      '',
      ...verdicts,
      ...(notes.length ? ['', 'Where points were lost:', '', ...notes] : []),
    ].join('\n'),
  );
}

await main();
