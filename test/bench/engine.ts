/**
 * `npm run bench`: the engine against its floor and its peers, in one Node process.
 *
 * Over a corpus (test/fixtures/dockerfiles, plus every file under $SHIPSHAPE_CORPUS when set), read
 * into memory first: dockerfile-ast's parse alone (the floor: Shipshape cannot be faster than the
 * parser it uses), Shipshape's full lint (every rule), dockerfile-utils' validate and dockerfilelint.
 * After a warm-up pass, the tools take turns in rounds (so a busy machine slows them all alike), with
 * a garbage collection between turns; a round's time is the sum of its files, and the figures are
 * medians over rounds. Then a generated 2,000-line Dockerfile and a 30-line exercise file, call by
 * call. Prints the figures, the ratios and PASS/MISS per target, and rewrites the "engine" section
 * of docs/performance.md.
 *
 *   node --expose-gc test/bench/engine.ts          (npm run bench)
 *   BENCH_SECONDS=20 npm run bench                  (longer runs, steadier figures; default 8)
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import { validate, ValidationCode } from 'dockerfile-utils';
import { allRules, grade, lint, type Check } from '../../src/engine/index.ts';
import { EXERCISE_DIR, EXERCISE_TEXT, generateLargeDockerfile } from './samples.ts';
import { count, machine, machineLine, median, ms, percentile, ratio, table, verdict, writeSection } from './report.ts';

const require = createRequire(import.meta.url);
const dockerfilelint = require('dockerfilelint') as { run(configDir: string, content: string): unknown[] };
const dockerfilelintRules = Object.keys(require('dockerfilelint/lib/reference.js') as object).length;
const dockerfileUtilsCodes = Object.values(ValidationCode).filter((v) => typeof v === 'number').length;

const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURES = join(ROOT, 'test/fixtures/dockerfiles');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

// ---------------------------------------------------------------------------------------------
// corpus

interface CorpusFile {
  name: string;
  text: string;
  lines: number;
}

const lineCount = (text: string) => text.split(/\r\n|\r|\n/).length - (/(\r\n|\r|\n)$/.test(text) ? 1 : 0);

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.')) continue;
    const path = join(dir, entry);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...walk(path));
    else if (st.isFile()) out.push(path);
  }
  return out;
}

/** Not Dockerfiles: a corpus folder's own notes. */
const NOT_DOCKERFILE = /^(readme|license|licence|notice|copying)(\.|$)|\.(md|txt)$/i;

function loadCorpus(): { files: CorpusFile[]; skipped: string[]; sources: string[] } {
  const files: CorpusFile[] = [];
  const skipped: string[] = [];
  const sources: string[] = [];
  for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.Dockerfile')).sort()) {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    files.push({ name: `fixtures/${name}`, text, lines: lineCount(text) });
  }
  sources.push(`test/fixtures/dockerfiles (${files.length} files)`);
  const extra = process.env.SHIPSHAPE_CORPUS;
  if (extra) {
    let added = 0;
    for (const path of walk(extra)) {
      const rel = relative(extra, path);
      if (NOT_DOCKERFILE.test(basename(path))) {
        skipped.push(rel);
        continue;
      }
      const buf = readFileSync(path);
      if (buf.includes(0)) {
        skipped.push(`${rel} (binary)`);
        continue;
      }
      const text = buf.toString('utf8');
      files.push({ name: `corpus/${rel}`, text, lines: lineCount(text) });
      added++;
    }
    sources.push(`$SHIPSHAPE_CORPUS (${added} files${skipped.length ? `, ${skipped.length} skipped as not Dockerfiles` : ''})`);
  }
  return { files, skipped, sources };
}

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
const [PARSE, SHIPSHAPE, UTILS, DFLINT] = TOOLS;

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
  const pass = (tool: Tool, times?: number[][]) => {
    let sum = 0;
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
    return sum;
  };
  // a second warm-up pass, timed, decides how many rounds fit in the time allowed
  const once = TOOLS.map((t) => pass(t)).reduce((a, b) => a + b, 0);
  const rounds = Math.max(3, Math.min(500, Math.floor((SECONDS * 1000 * 0.6) / Math.max(once, 0.001))));
  const perFile = new Map<Tool, number[][]>(TOOLS.map((t) => [t, files.map(() => [])]));
  const totals = new Map<Tool, number[]>(TOOLS.map((t) => [t, []]));
  for (let r = 0; r < rounds; r++) {
    // rotate who goes first, so no tool always follows the same one
    for (let k = 0; k < TOOLS.length; k++) {
      const tool = TOOLS[(r + k) % TOOLS.length];
      gc();
      totals.get(tool)!.push(pass(tool, perFile.get(tool)));
    }
  }
  return TOOLS.map((tool) => {
    const fileMedians = perFile.get(tool)!.map((ts) => median(ts));
    return {
      tool,
      rounds,
      total: median(totals.get(tool)!),
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
    if (c % 50 === 0) gc();
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
  console.log(`Shipshape engine benchmark\n${machineLine(m)}\n`);
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with node --expose-gc for a collection between turns: npm run bench does)\n');
  const { files, skipped, sources } = loadCorpus();
  const lines = files.reduce((n, f) => n + f.lines, 0);
  const sizes = files.map((f) => f.lines);
  console.log(`Corpus: ${sources.join(' + ')}: ${count(files.length)} files, ${count(lines)} lines (median ${median(sizes)}, p99 ${percentile(sizes, 99)}, largest ${Math.max(...sizes)})`);
  if (skipped.length) console.log(`  skipped: ${skipped.slice(0, 10).join(', ')}${skipped.length > 10 ? ', ...' : ''}`);

  // --- corpus
  const results = runCorpus(files);
  const get = (t: Tool) => results.find((r) => r.tool === t)!;
  const [parse, ship, utils, dflint] = [get(PARSE), get(SHIPSHAPE), get(UTILS), get(DFLINT)];
  const corpusRows = results.map((r) => [
    r.tool.name,
    ms(r.total),
    count(files.length / (r.total / 1000)),
    count(lines / (r.total / 1000)),
    ms(r.perFileP50),
    ms(r.perFileP99),
    ratio(r.total / parse.total),
    ratio(r.total / ship.total),
    String(r.crashes.length),
  ]);
  const corpusTable = table(['Tool', 'Corpus time', 'Files/s', 'Lines/s', 'Per file p50', 'Per file p99', 'vs parse', 'vs Shipshape', 'Crashes'], corpusRows);
  console.log(`\n${corpusTable}\n(median of ${parse.rounds} rounds; per-file figures are each file's median)`);
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
  const peerCrashFiles = new Set([...utils.crashes, ...dflint.crashes].map((c) => c.file));
  const shipOnPeerCrashes = ship.crashes.filter((c) => peerCrashFiles.has(c.file)).length;
  const targets: [string, boolean, string][] = [
    ['Full lint at most 2x the parse alone (corpus time)', ship.total <= 2 * parse.total, `${ratio(ship.total / parse.total)}`],
    ['Per-file p99 at most 2x the parse p99', ship.perFileP99 <= 2 * parse.perFileP99, `${ms(ship.perFileP99)} vs ${ms(parse.perFileP99)}: ${ratio(ship.perFileP99 / parse.perFileP99)}`],
    ['Faster than dockerfile-utils validate (corpus time)', ship.total < utils.total, `${ratio(utils.total / ship.total)} faster (${ms(ship.total)} vs ${ms(utils.total)})`],
    [
      'Running more checks than dockerfile-utils',
      allRules.length > dockerfileUtilsCodes,
      `${allRules.length} rules (security and production practice, each reading shell commands, packages, stages) vs ${dockerfileUtilsCodes} diagnostic codes (syntax and argument validation); dockerfilelint has ${dockerfilelintRules}`,
    ],
    [
      'Zero crashes, also where the peers crash',
      ship.crashes.length === 0,
      `Shipshape ${ship.crashes.length} (of them on files a peer crashes on: ${shipOnPeerCrashes}); peers crash on ${peerCrashFiles.size} file(s)`,
    ],
    ['Also on the 2,000-line file: lint at most 2x the parse (p50)', lr(SHIPSHAPE).p50 <= 2 * lr(PARSE).p50, ratio(lr(SHIPSHAPE).p50 / lr(PARSE).p50)],
  ];
  const targetLines = targets.map(([what, ok, detail]) => `- **${verdict(ok)}** ${what}: ${detail}`);
  console.log(`\nTargets:\n${targetLines.join('\n').replaceAll('**', '')}`);

  writeSection(
    'engine',
    [
      machineLine(m, `, ${parse.rounds} rounds`),
      '',
      `Corpus: ${sources.join(' + ')}: ${count(files.length)} files, ${count(lines)} lines (median ${median(sizes)} lines a file, largest ${Math.max(...sizes)}). ` +
        'Each tool reads the same strings from memory; the figures are medians over rounds taken in turns after a warm-up pass. ' +
        '"Crashes" counts files a tool threw on (for Shipshape: any `engine-error` or `parse-error` finding).',
      '',
      corpusTable,
      ...(crashLines.length ? ['', ...crashLines] : []),
      '',
      `A generated 2,000-line Dockerfile (\`generateLargeDockerfile\` in \`test/bench/engine.ts\`), ${largeResults[0].calls} calls each:`,
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
