#!/usr/bin/env node
/**
 * The long fuzz run: `npm run fuzz [-- --runs N --seed S --workers W]`.
 *
 * Runs the properties of test/helpers/lint-properties.ts (no throw, in time, deterministic, findings
 * inside the text and no engine-error, shell words located, safe and settling fixes) over
 * test/helpers/arbitraries.ts's `lintInput` (generated, mutated, real and garbage Dockerfiles, with
 * and without a .dockerignore and a build context), 100,000 cases by default, split over worker
 * threads (worker k uses seed S + k, so a run is reproducible from the printed seed).
 *
 * Reports each failure with fast-check's shrunk input, and the 10 slowest inputs with their lint
 * times. A worker that stops answering (a lint that never ends) is stopped after --hang-ms and the
 * input it was on is reported. Exit status: 0 when every property held, 1 otherwise.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

interface Slow {
  ms: number;
  input: unknown;
}

type FromWorker =
  | { kind: 'case'; input: unknown }
  | { kind: 'progress'; done: number }
  | { kind: 'done'; runs: number; slowest: Slow[]; failure?: { seed: number; path: string; counterexample: unknown; error: string; numShrinks: number } };

interface Job {
  seed: number;
  runs: number;
}

const DEFAULT_SEED = 20261124;

async function runWorker(job: Job): Promise<void> {
  const fc = (await import('fast-check')).default;
  const { lintInput } = await import('../test/helpers/arbitraries.ts');
  const { checkAllProperties } = await import('../test/helpers/lint-properties.ts');
  const { lint } = await import('../src/engine/index.ts');
  const { realDockerfiles } = await import('../test/helpers/arbitraries.ts');
  // warm the JIT first, so the slowest-inputs list shows slow inputs rather than the first ones
  for (let i = 0; i < 5; i++) for (const text of realDockerfiles) lint(text);
  const port = parentPort!;
  const slowest: Slow[] = [];
  let done = 0;
  const remember = (ms: number, input: unknown) => {
    if (slowest.length === 10 && ms <= slowest[9].ms) return;
    slowest.push({ ms, input });
    slowest.sort((a, b) => b.ms - a.ms);
    slowest.length = Math.min(slowest.length, 10);
  };
  const details = fc.check(
    fc.property(lintInput, (input) => {
      port.postMessage({ kind: 'case', input } satisfies FromWorker);
      const { ms } = checkAllProperties(input);
      remember(ms, input);
      if (++done % 1000 === 0) port.postMessage({ kind: 'progress', done } satisfies FromWorker);
    }),
    { seed: job.seed, numRuns: job.runs },
  );
  const failure = details.failed
    ? {
        seed: details.seed,
        path: details.counterexamplePath ?? '',
        counterexample: details.counterexample?.[0],
        error: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
        numShrinks: details.numShrinks,
      }
    : undefined;
  port.postMessage({ kind: 'done', runs: details.numRuns, slowest, ...(failure ? { failure } : {}) } satisfies FromWorker);
}

function show(input: unknown, max = 4000): string {
  const text = JSON.stringify(input);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '100000' },
      seed: { type: 'string', default: process.env.FUZZ_SEED ?? String(DEFAULT_SEED) },
      workers: { type: 'string', default: String(Math.max(1, Math.min(availableParallelism(), 8))) },
      'hang-ms': { type: 'string', default: '60000' },
    },
  });
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  const workers = Number(values.workers);
  const hangMs = Number(values['hang-ms']);
  if (![runs, seed, workers, hangMs].every(Number.isInteger) || runs < 1 || workers < 1) {
    console.error('usage: node scripts/fuzz.ts [--runs N] [--seed S] [--workers W] [--hang-ms MS]');
    return 2;
  }
  console.log(`fuzz: ${runs} cases, seed ${seed} (worker k uses seed ${seed} + k), ${workers} worker(s); replay with --seed ${seed} --runs ${runs} --workers ${workers}`);
  const started = performance.now();
  const per = Math.ceil(runs / workers);
  const slowest: Slow[] = [];
  const failures: string[] = [];
  let total = 0;
  const progress = new Array<number>(workers).fill(0);

  await Promise.all(
    Array.from({ length: workers }, (_, k) => {
      const job: Job = { seed: seed + k, runs: Math.min(per, runs - per * k) };
      if (job.runs <= 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: job });
        let current: unknown;
        let lastHeard = performance.now();
        const watchdog = setInterval(() => {
          if (performance.now() - lastHeard < hangMs) return;
          failures.push(`worker ${k} (seed ${job.seed}): no answer for ${hangMs} ms, lint does not terminate on:\n  ${show(current)}`);
          clearInterval(watchdog);
          void worker.terminate();
        }, 1000);
        worker.on('message', (m: FromWorker) => {
          lastHeard = performance.now();
          if (m.kind === 'case') current = m.input;
          else if (m.kind === 'progress') {
            progress[k] = m.done;
            const sum = progress.reduce((a, b) => a + b, 0);
            if (sum % 10_000 < workers * 1000) console.log(`  ${sum} cases, ${Math.round((performance.now() - started) / 1000)} s`);
          } else {
            total += m.runs;
            slowest.push(...m.slowest);
            if (m.failure) {
              const f = m.failure;
              failures.push(
                `worker ${k}: property failed (seed ${f.seed}, path "${f.path}", shrunk ${f.numShrinks} times):\n  ${f.error.split('\n').join('\n  ')}\n  shrunk input: ${show(f.counterexample)}`,
              );
            }
          }
        });
        worker.on('error', (err) => {
          failures.push(`worker ${k} crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n  last input: ${show(current)}`);
        });
        worker.on('exit', () => {
          clearInterval(watchdog);
          resolve();
        });
      });
    }),
  );

  slowest.sort((a, b) => b.ms - a.ms);
  console.log(`\n${total} cases in ${Math.round((performance.now() - started) / 1000)} s`);
  console.log('\nThe 10 slowest inputs (time of one lint):');
  for (const s of slowest.slice(0, 10)) {
    const text = (s.input as { dockerfile?: string }).dockerfile ?? '';
    console.log(`  ${s.ms.toFixed(1).padStart(8)} ms  ${String(text.length).padStart(7)} chars  ${show(s.input, 300)}`);
  }
  if (failures.length) {
    console.log(`\n${failures.length} failure(s):\n`);
    for (const f of failures) console.log(`${f}\n`);
    return 1;
  }
  console.log('\nEvery property held.');
  return 0;
}

if (isMainThread) process.exitCode = await main();
else await runWorker(workerData as Job);
