/**
 * `npm run bench`: the engine against its floor and its peers, in one Node process.
 *
 * Over a corpus (test/fixtures/dockerfiles, plus every file under $SHIPSHAPE_CORPUS when set), read
 * into memory first: dockerfile-ast's public parse alone (the floor the targets name), the parse
 * Shipshape's lint runs (dockerfile-ast's Parser with plain instructions, src/engine/parse.ts),
 * Shipshape's full lint (every rule), dockerfile-utils' validate and dockerfilelint.
 *
 * After a warm-up pass, the tools take turns in rounds (so a busy machine slows them all alike); a
 * round's time is the sum of its files, and the figures are medians over rounds. No collection is
 * forced between turns: after a forced full collection V8 optimized the same functions again, so each
 * turn timed the tool warming up (with a `gc()` before every turn, dockerfile-ast's getRawArguments
 * was optimized 170 times in 120 turns instead of 6, and every tool took about 1.7 times as long as
 * in steady use). A tool's garbage may be collected in the next tool's turn; the turns rotate, so
 * that evens out.
 *
 * Then a generated 2,000-line Dockerfile and a 30-line exercise file, call by call. Prints the
 * figures, the ratios and PASS/MISS per target, and rewrites the "engine" section of
 * docs/performance.md.
 *
 *   node test/bench/engine.ts                       (npm run bench)
 *   BENCH_SECONDS=20 npm run bench                  (longer runs, steadier figures; default 8)
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import { validate, ValidationCode } from 'dockerfile-utils';
import { allRules, grade, lint, type Check } from '../../src/engine/index.ts';
import { parseDockerfile } from '../../src/engine/parse.ts';
import { SYNTAX_PROBLEMS } from '../../src/engine/rules/dockerfile-syntax.ts';
import { loadCorpus, type CorpusFile } from './corpus.ts';
import { EXERCISE_DIR, EXERCISE_TEXT, generateLargeDockerfile } from './samples.ts';
import { count, machine, machineLine, mean, median, ms, percentile, ratio, table, verdict, writeSection } from './report.ts';

const require = createRequire(import.meta.url);
const dockerfilelint = require('dockerfilelint') as { run(configDir: string, content: string): unknown[] };
const dockerfilelintRules = Object.keys(require('dockerfilelint/lib/reference.js') as object).length;
const dockerfileUtilsCodes = Object.values(ValidationCode).filter((v) => typeof v === 'number').length;
/** Shipshape's checks: every rule counts once, except dockerfile-syntax, which counts once per kind of syntax error it detects. */
const shipshapeChecks = allRules.length - 1 + SYNTAX_PROBLEMS.length;

const ROOT = new URL('../../', import.meta.url).pathname;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** At least this many rounds, however long they take: a busy machine needs them for steady medians. */
const MIN_ROUNDS = Number(process.env.BENCH_MIN_ROUNDS ?? 10);
/** This thread's CPU time in ms (process.threadCpuUsage, Node >= 23.9), or NaN. */
const threadCpu = (): number => {
  const usage = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : NaN;
};

// ---------------------------------------------------------------------------------------------
// the tools

interface Tool {
  name: string;
  /** Throws, or returns a reason, when the tool failed on the text. */
  run(text: string): string | undefined;
}

const configDir = mkdtempSync(join(tmpdir(), 'shipshape-bench-'));

const TOOLS: Tool[] = [
  {
    name: 'dockerfile-ast parse',
    run: (t) => {
      DockerfileParser.parse(t);
      return undefined;
    },
  },
  {
    // what Shipshape's lint parses with: dockerfile-ast's Parser with plain instructions (src/engine/parse.ts)
    name: 'dockerfile-ast parse, plain instructions',
    run: (t) => {
      parseDockerfile(t);
      return undefined;
    },
  },
  {
    name: 'Shipshape lint',
    run: (t) => {
      const failed = lint(t).find((f) => f.rule === 'engine-error' || f.rule === 'parse-error');
      return failed ? `${failed.rule}: ${failed.message}` : undefined;
    },
  },
  {
    name: 'dockerfile-utils validate',
    run: (t) => {
      validate(t);
      return undefined;
    },
  },
  {
    name: 'dockerfilelint',
    run: (t) => {
      dockerfilelint.run(configDir, t);
      return undefined;
    },
  },
];
const [PARSE, PLAIN, SHIPSHAPE, UTILS, DFLINT] = TOOLS;

function attempt(tool: Tool, text: string): string | undefined {
  try {
    return tool.run(text);
  } catch (err) {
    return err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : String(err);
  }
}

// ---------------------------------------------------------------------------------------------
// corpus run

interface CorpusResult {
  tool: Tool;
  rounds: number;
  total: number;
  /** Main-thread CPU time of a round (mean over the rounds): what the tool costs whatever else the machine runs. */
  cpu: number;
  perFileP50: number;
  perFileP99: number;
  crashes: { file: string; reason: string }[];
}

function runCorpus(files: CorpusFile[]): CorpusResult[] {
  // warm-up, and which files each tool fails on
  const crashes = new Map<Tool, { file: string; reason: string }[]>(TOOLS.map((t) => [t, []]));
  for (const tool of TOOLS) {
    for (const f of files) {
      const reason = attempt(tool, f.text);
      if (reason) crashes.get(tool)!.push({ file: f.name, reason });
    }
  }
  const pass = (tool: Tool, times?: number[][], cpu?: number[]) => {
    let sum = 0;
    const cpu0 = threadCpu();
    for (let i = 0; i < files.length; i++) {
      const t0 = performance.now();
      try {
        tool.run(files[i].text);
      } catch {
        // counted in the warm-up; its time still counts
      }
      const dt = performance.now() - t0;
      sum += dt;
      times?.[i].push(dt);
    }
    cpu?.push(threadCpu() - cpu0);
    return sum;
  };
  // a second warm-up pass, timed, decides how many rounds fit in the time allowed
  const once = TOOLS.map((t) => pass(t)).reduce((a, b) => a + b, 0);
  const rounds = Math.max(MIN_ROUNDS, Math.min(500, Math.floor((SECONDS * 1000 * 0.6) / Math.max(once, 0.001))));
  const perFile = new Map<Tool, number[][]>(TOOLS.map((t) => [t, files.map(() => [])]));
  const totals = new Map<Tool, number[]>(TOOLS.map((t) => [t, []]));
  const cpuTotals = new Map<Tool, number[]>(TOOLS.map((t) => [t, []]));
  for (let r = 0; r < rounds; r++) {
    // rotate who goes first, so no tool always follows the same one
    for (let k = 0; k < TOOLS.length; k++) {
      const tool = TOOLS[(r + k) % TOOLS.length];
      totals.get(tool)!.push(pass(tool, perFile.get(tool), cpuTotals.get(tool)));
    }
  }
  return TOOLS.map((tool) => {
    const fileMedians = perFile.get(tool)!.map((ts) => median(ts));
    return {
      tool,
      rounds,
      total: median(totals.get(tool)!),
      // the mean, not the median: the CPU clock advances in ticks of a few ms on Linux (a tenth of a
      // round), so one round's figure is coarse and a median snaps to a tick; the sum over all rounds is not
      cpu: mean(cpuTotals.get(tool)!),
      perFileP50: percentile(fileMedians, 50),
      perFileP99: percentile(fileMedians, 99),
      crashes: crashes.get(tool)!,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// call by call: one text, many calls

interface CallResult {
  tool: Tool;
  calls: number;
  p50: number;
  p99: number;
  max: number;
}

function runCalls(tools: { tool: Tool; run: (t: string) => unknown }[], text: string, seconds: number, maxCalls: number): CallResult[] {
  for (let i = 0; i < 20; i++) for (const t of tools) t.run(text);
  const t0 = performance.now();
  for (const t of tools) t.run(text);
  const one = performance.now() - t0;
  const calls = Math.max(20, Math.min(maxCalls, Math.floor((seconds * 1000) / Math.max(one, 0.001))));
  const times = tools.map(() => [] as number[]);
  for (let c = 0; c < calls; c++) {
    for (let k = 0; k < tools.length; k++) {
      const i = (c + k) % tools.length;
      const s = performance.now();
      tools[i].run(text);
      times[i].push(performance.now() - s);
    }
  }
  return tools.map((t, i) => ({ tool: t.tool, calls, p50: percentile(times[i], 50), p99: percentile(times[i], 99), max: Math.max(...times[i]) }));
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const m = machine();
  const loadBefore = os.loadavg()[0];
  console.log(`Shipshape engine benchmark\n${machineLine(m)}\n`);
  const { files, skipped, sources } = loadCorpus();
  const lines = files.reduce((n, f) => n + f.lines, 0);
  const sizes = files.map((f) => f.lines);
  console.log(`Corpus: ${sources.join(' + ')}: ${count(files.length)} files, ${count(lines)} lines (median ${median(sizes)}, p99 ${percentile(sizes, 99)}, largest ${Math.max(...sizes)})`);
  if (skipped.length) console.log(`  skipped: ${skipped.slice(0, 10).join(', ')}${skipped.length > 10 ? ', ...' : ''}`);

  // --- corpus
  const results = runCorpus(files);
  const get = (t: Tool) => results.find((r) => r.tool === t)!;
  const [parse, plain, ship, utils, dflint] = [get(PARSE), get(PLAIN), get(SHIPSHAPE), get(UTILS), get(DFLINT)];
  const corpusRows = results.map((r) => [
    r.tool.name,
    ms(r.total),
    `${ms(r.cpu)} (${ratio(r.cpu / parse.cpu)})`,
    count(files.length / (r.total / 1000)),
    count(lines / (r.total / 1000)),
    ms(r.perFileP50),
    ms(r.perFileP99),
    ratio(r.total / parse.total),
    ratio(r.total / ship.total),
    String(r.crashes.length),
  ]);
  const corpusTable = table(['Tool', 'Corpus time', 'CPU time (vs parse)', 'Files/s', 'Lines/s', 'Per file p50', 'Per file p99', 'vs parse', 'vs Shipshape', 'Crashes'], corpusRows);
  console.log(`\n${corpusTable}\n(median of ${parse.rounds} rounds; per-file figures are each file's median)`);
  // the lint's own parse is the plain one: what the model and the rules add on top of it, against the public parse
  const split =
    `Of Shipshape's ${ms(ship.cpu)} (CPU), its parse takes ${ms(plain.cpu)} (${ratio(plain.cpu / parse.cpu)} the public parse) ` +
    `and the model and ${allRules.length} rules take ${ms(ship.cpu - plain.cpu)} (${ratio((ship.cpu - plain.cpu) / parse.cpu)} the public parse).`;
  console.log(split);
  const busy = loadBefore > m.cores;
  const crashLines: string[] = [];
  for (const r of results) {
    if (r.crashes.length === 0) continue;
    crashLines.push(`- ${r.tool.name} failed on ${r.crashes.length} file(s): ${r.crashes.slice(0, 8).map((c) => `\`${c.file}\` (${c.reason.slice(0, 100)})`).join('; ')}${r.crashes.length > 8 ? '; ...' : ''}`);
  }
  if (crashLines.length) console.log(crashLines.join('\n'));

  // --- 2,000 lines
  const large = generateLargeDockerfile(2000);
  const largeResults = runCalls(
    TOOLS.map((tool) => ({ tool, run: (t: string) => attempt(tool, t) })),
    large,
    SECONDS * 0.25,
    400,
  );
  const lr = (t: Tool) => largeResults.find((r) => r.tool === t)!;
  const largeTable = table(
    ['Tool', 'p50', 'p99', 'Lines/s (p50)', 'vs parse (p50)', 'Crashed'],
    largeResults.map((r) => [r.tool.name, ms(r.p50), ms(r.p99), count(2000 / (r.p50 / 1000)), ratio(r.p50 / lr(PARSE).p50), attempt(r.tool, large) ? 'yes' : 'no']),
  );
  console.log(`\nA generated 2,000-line Dockerfile (${largeResults[0].calls} calls each):\n${largeTable}`);

  // --- a 30-line exercise
  const exercise = JSON.parse(readFileSync(join(EXERCISE_DIR, 'exercise.json'), 'utf8')) as { checks: Check[] };
  const gradeTool: Tool = { name: 'Shipshape grade (lint + checks, as the page)', run: () => undefined };
  const exResults = runCalls(
    [
      { tool: PARSE, run: (t) => PARSE.run(t) },
      { tool: SHIPSHAPE, run: (t) => lint(t) },
      { tool: gradeTool, run: (t) => grade({ checks: exercise.checks }, { dockerfile: t }) },
      { tool: UTILS, run: (t) => UTILS.run(t) },
      { tool: DFLINT, run: (t) => DFLINT.run(t) },
    ],
    EXERCISE_TEXT,
    SECONDS * 0.15,
    20000,
  );
  const exTable = table(
    ['Tool', 'p50', 'p99', 'max'],
    exResults.map((r) => [r.tool.name, ms(r.p50), ms(r.p99), ms(r.max)]),
  );
  console.log(`\nA 30-line exercise file, per call (${exResults[0].calls} calls each):\n${exTable}`);

  // --- targets
  // the corpus targets are judged on CPU time, which the machine's other work does not inflate (wall clock when unavailable)
  const cost = (r: CorpusResult) => (Number.isFinite(r.cpu) ? r.cpu : r.total);
  const peerCrashFiles = new Set([...utils.crashes, ...dflint.crashes].map((c) => c.file));
  const shipOnPeerCrashes = ship.crashes.filter((c) => peerCrashFiles.has(c.file)).length;
  const targets: [string, boolean, string][] = [
    ['Full lint at most 2x the parse alone (corpus, CPU time)', cost(ship) <= 2 * cost(parse), `${ratio(ship.cpu / parse.cpu)} (wall clock ${ratio(ship.total / parse.total)})`],
    ['Per-file p99 at most 2x the parse p99', ship.perFileP99 <= 2 * parse.perFileP99, `${ms(ship.perFileP99)} vs ${ms(parse.perFileP99)}: ${ratio(ship.perFileP99 / parse.perFileP99)}`],
    ['Faster than dockerfile-utils validate (corpus, CPU time)', cost(ship) < cost(utils), `dockerfile-utils takes ${ratio(utils.cpu / ship.cpu)} Shipshape's time (${ms(ship.cpu)} vs ${ms(utils.cpu)}; wall clock ${ratio(utils.total / ship.total)})`],
    [
      'Running more checks than dockerfile-utils',
      shipshapeChecks > dockerfileUtilsCodes,
      `${shipshapeChecks} checks: ${allRules.length} rules, one of which (dockerfile-syntax) detects ${SYNTAX_PROBLEMS.length} kinds of syntax error; ` +
        `the others judge security and production practice, reading shell commands, packages, stages. dockerfile-utils has ${dockerfileUtilsCodes} ` +
        `diagnostic codes (syntax and argument validation); dockerfilelint has ${dockerfilelintRules}`,
    ],
    [
      'Zero crashes, also where the peers crash',
      ship.crashes.length === 0,
      `Shipshape ${ship.crashes.length} (of them on files a peer crashes on: ${shipOnPeerCrashes}); peers crash on ${peerCrashFiles.size} file(s)`,
    ],
    ['Also on the 2,000-line file: lint at most 2x the parse (p50)', lr(SHIPSHAPE).p50 <= 2 * lr(PARSE).p50, ratio(lr(SHIPSHAPE).p50 / lr(PARSE).p50)],
  ];
  const targetLines = targets.map(([what, ok, detail]) => `- **${verdict(ok)}** ${what}: ${detail}`);
  const busyNote = busy
    ? `The machine was busy (load average ${loadBefore.toFixed(1)} on ${m.cores} cores): wall-clock figures swing with the other work, the CPU-time column much less; rerun on a quiet machine before comparing with other runs.`
    : '';
  if (busyNote) console.log(`\n${busyNote}`);
  console.log(`\nTargets:\n${targetLines.join('\n').replaceAll('**', '')}`);

  writeSection(
    'engine',
    [
      machineLine(m, `, ${parse.rounds} rounds`),
      '',
      `Corpus: ${sources.join(' + ')}: ${count(files.length)} files, ${count(lines)} lines (median ${median(sizes)} lines a file, largest ${Math.max(...sizes)}). ` +
        'Each tool reads the same strings from memory; the figures are medians over rounds taken in turns after a warm-up pass, ' +
        'with no collection forced between turns (after a forced full collection V8 optimized the same functions again, so every turn was a warm-up). ' +
        '"CPU time" is the main thread\'s CPU time of a round (process.threadCpuUsage), which other processes on the machine do not inflate: the corpus targets are judged on it. ' +
        'It is the mean over the rounds, not the median: that clock advances in ticks of about 4 ms here, so a single round\'s figure is coarse. ' +
        '"Crashes" counts files a tool threw on (for Shipshape: any `engine-error` or `parse-error` finding).',
      '',
      'Two parses: "dockerfile-ast parse" is the public `DockerfileParser.parse`, the floor the targets name. ' +
        '"plain instructions" is what Shipshape\'s lint parses with (src/engine/parse.ts): dockerfile-ast\'s own Parser, which finds the instructions, comments, directives and heredocs, ' +
        'but with every instruction (except ONBUILD) made a plain `Instruction`. The public parse gives each instruction its keyword\'s class, and those classes read their arguments in their constructors ' +
        '(RUN, CMD, ENTRYPOINT, SHELL, COPY and ADD twice, to parse an exec form; the parser reads RUN, COPY and ADD a third time for heredocs); ' +
        'the model reads each instruction\'s arguments once, itself, so the lint skips that work. test/unit/parse.test.ts checks that both parses give the model the same instructions, ranges, heredocs, comments and directives.',
      ...(busyNote ? ['', busyNote] : []),
      '',
      corpusTable,
      '',
      split,
      ...(crashLines.length ? ['', ...crashLines] : []),
      '',
      `A generated 2,000-line Dockerfile (\`generateLargeDockerfile\` in \`test/bench/samples.ts\`), ${largeResults[0].calls} calls each:`,
      '',
      largeTable,
      '',
      `A 30-line exercise answer (lesson 07's second exercise, lengthened), ${exResults[0].calls} calls each; \`grade\` is what the page's worker runs on every edit:`,
      '',
      exTable,
      '',
      'Targets:',
      '',
      ...targetLines,
    ].join('\n'),
  );
}

main();
