/**
 * `npm run bench:cli`: the whole-process time of `shipshape lint`, as a user or a CI job pays it:
 * Node's start, loading the CLI (TypeScript stripped by Node, kept in its compile cache), reading the
 * files and their build context, linting, printing. On one file and on the whole corpus in one call
 * (test/fixtures/dockerfiles plus $SHIPSHAPE_CORPUS), each run several times after a warm-up run;
 * medians. For scale: Node starting and doing nothing, and the first run without the compile cache.
 * Rewrites the "cli" section of docs/performance.md.
 *
 *   node test/bench/cli.ts          (npm run bench:cli; BENCH_RUNS=N for more runs, default 7)
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { loadCorpus } from './corpus.ts';
import { count, machine, machineLine, median, ms, table, writeSection } from './report.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = `${ROOT}src/cli/shipshape.ts`;
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 7));
const ONE_FILE = `${ROOT}test/fixtures/dockerfiles/node-22-bookworm-slim.Dockerfile`;

interface Timing {
  times: number[];
  status: number | null;
  findings?: number;
  error?: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}, runs = RUNS, warmup = 1): Timing {
  const times: number[] = [];
  let status: number | null = null;
  let findings: number | undefined;
  let error: string | undefined;
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024 });
    const dt = performance.now() - t0;
    status = r.status;
    if (r.status === 2 || r.status === null) error = (r.stderr?.toString() || String(r.error ?? r.signal)).split('\n')[0];
    if (i === 0 && args.includes('json')) {
      try {
        const out = JSON.parse(r.stdout.toString()) as unknown;
        findings = Array.isArray(out) ? out.length : ((out as { findings?: unknown[] }).findings?.length ?? undefined);
      } catch {
        // not JSON: leave the count out
      }
    }
    if (i >= warmup) times.push(dt);
  }
  return { times, status, findings, error };
}

function main(): void {
  const m = machine();
  console.log(`Shipshape CLI benchmark\n${machineLine(m)}\n`);
  const { files, sources } = loadCorpus();
  const lines = files.reduce((n, f) => n + f.lines, 0);

  const nodeAlone = run(['-e', '0']);
  const version = run([CLI, '--version']);
  const one = run([CLI, 'lint', '--format', 'json', ONE_FILE]);
  const oneCold = run([CLI, 'lint', '--format', 'json', ONE_FILE], { NODE_DISABLE_COMPILE_CACHE: '1' }, Math.max(3, Math.ceil(RUNS / 2)), 0);
  const all = run([CLI, 'lint', '--format', 'json', ...files.map((f) => f.path)]);

  const row = (what: string, t: Timing, extra = '') => [what, ms(median(t.times)), ms(Math.min(...t.times)), ms(Math.max(...t.times)), extra];
  const allMedian = median(all.times);
  const rows = [
    row('`node -e 0` (Node starting, for scale)', nodeAlone),
    row('`shipshape --version` (loading the CLI)', version),
    row('`shipshape lint` one file (107 lines)', one, one.findings !== undefined ? `${one.findings} findings` : ''),
    row('the same, compile cache off (`NODE_DISABLE_COMPILE_CACHE=1`)', oneCold),
    row(`\`shipshape lint\` the corpus in one call (${count(files.length)} files, ${count(lines)} lines)`, all, `${count(files.length / (allMedian / 1000))} files/s; ${count(lines / (allMedian / 1000))} lines/s`),
  ];
  const t = table(['Command', 'Median', 'Min', 'Max', 'Note'], rows);
  const failures = [one, oneCold, all].filter((x) => x.error).map((x) => x.error);
  console.log(`Corpus: ${sources.join(' + ')}\n\n${t}\n(${RUNS} runs each after a warm-up run; the compile-cache-off row has no warm-up)`);
  if (failures.length) console.log(`Errors: ${failures.join('; ')}`);

  writeSection(
    'cli',
    [
      machineLine(m, `, ${RUNS} runs each`),
      '',
      `Wall-clock time of the whole process (\`node src/cli/shipshape.ts lint --format json ...\`, output discarded), median of ${RUNS} runs after a warm-up run that fills Node's compile cache. ` +
        `Corpus: ${sources.join(' + ')}.`,
      '',
      t,
      ...(failures.length ? ['', `Errors: ${failures.join('; ')}`] : []),
    ].join('\n'),
  );
}

main();
