/**
 * The properties every lint must have, whatever the input: shared by the quick property tests
 * (test/unit/robustness/fuzz.test.ts), the corpus test and the long run (scripts/fuzz.ts).
 * Each check throws an Error saying which property broke; it returns what the caller may want to
 * report (timings).
 */
import { applyFixes, buildModel, fixesOf, lint, type Finding, type LintInput, type Range } from '../../src/engine/index.ts';

/**
 * One lint of any input must finish within this. Real files take milliseconds, the 10,000-line
 * examples about a second; the bound is generous because the whole suite shares two cores, and
 * super-linear cases are caught by their scaling in regex.test.ts and listed by `npm run fuzz`.
 */
export const SLOW_LINT_MS = 15_000;
/** The CLI's --fix gives up after this many passes; fixing must settle sooner. */
export const MAX_FIX_PASSES = 5;

/** Lines as the engine (and Monaco) count them: \n, \r\n and a lone \r each end a line. */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function describeRange(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Why a range does not lie inside the text, or null when it does. */
export function rangeProblem(range: Range, lines: readonly string[]): string | null {
  const points = [range.start, range.end];
  for (const p of points) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) return `non-integer position in ${describeRange(range)}`;
    if (p.line < 0 || p.line >= lines.length) return `line ${p.line} outside 0..${lines.length - 1} in ${describeRange(range)}`;
    if (p.character < 0 || p.character > lines[p.line].length) return `character ${p.character} outside 0..${lines[p.line].length} of line ${p.line} in ${describeRange(range)}`;
  }
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return `start after end in ${describeRange(range)}`;
  return null;
}

function textOfFile(input: LintInput, file: string): string {
  // findings are in the coordinates of the text given to lint, byte order mark included
  return file === '.dockerignore' ? (input.dockerignore ?? '') : input.dockerfile;
}

/** Findings are well-formed: no engine or parse error, every range (and fix edit) inside its file. */
export function checkFindings(input: LintInput, findings: readonly Finding[]): void {
  const lines = { Dockerfile: linesOf(textOfFile(input, 'Dockerfile')), '.dockerignore': linesOf(textOfFile(input, '.dockerignore')) };
  for (const f of findings) {
    if (f.rule === 'engine-error') throw new Error(`engine-error: ${f.message}`);
    if (f.rule === 'parse-error') throw new Error(`parse-error: ${f.message}`);
    if (f.file !== 'Dockerfile' && f.file !== '.dockerignore') throw new Error(`${f.rule}: unknown file ${String(f.file)}`);
    if (!['error', 'warning', 'info'].includes(f.severity)) throw new Error(`${f.rule}: unknown severity ${String(f.severity)}`);
    if (typeof f.message !== 'string' || f.message.trim() === '') throw new Error(`${f.rule}: empty message`);
    const problem = rangeProblem(f.range, lines[f.file]);
    if (problem) throw new Error(`${f.rule} (${f.file}) reports outside the text: ${problem}`);
    for (const edit of f.fix?.edits ?? []) {
      const target = f.fix?.file ?? 'Dockerfile';
      const p = rangeProblem(edit.range, lines[target]);
      if (p) throw new Error(`${f.rule}: fix edit outside ${target}: ${p}`);
      if (typeof edit.newText !== 'string') throw new Error(`${f.rule}: fix edit without text`);
    }
  }
}

/**
 * The rules with an error-severity finding. Compared as a set, not counted: a fix that keeps a
 * prefix the learner wrote (`sudo apt-get install` gets `sudo apt-get update && ` before it)
 * repeats a problem already reported, it does not introduce a new one.
 */
const errorRules = (findings: readonly Finding[]): Set<string> => new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule));

/**
 * Applying every quick fix (pass after pass, as --fix and "Fix all" do) keeps the file readable
 * (no parse error, same number of stages), adds no error-severity finding, and settles: within
 * MAX_FIX_PASSES no finding offers a fix any more, and no pass offers fixes that change nothing.
 * dockerfile-syntax's fixes are the exception to the first two, in passes of their own (see below).
 */
export function checkFixes(input: LintInput, findings: readonly Finding[]): { passes: number } {
  let before = errorRules(findings);
  let stagesBefore = buildModel(input.dockerfile).stages.length;
  let current: LintInput = input;
  let now = findings;
  for (let pass = 1; ; pass++) {
    // A dockerfile-syntax fix (`FORM` -> `FROM`, `--chown app:app` -> `--chown=app:app`) makes Docker read a line it
    // could not: stages appear and the other rules see that line for the first time, so what they find there was
    // hidden, not introduced. Such fixes get a pass of their own, after which the file is judged afresh.
    const syntax = now.filter((f) => f.rule === 'dockerfile-syntax' && f.fix);
    const syntaxOnly = syntax.length > 0;
    const forDockerfile = fixesOf(syntaxOnly ? syntax : now, 'Dockerfile');
    const forIgnore = syntaxOnly ? [] : fixesOf(now, '.dockerignore');
    if (forDockerfile.length === 0 && forIgnore.length === 0) return { passes: pass - 1 };
    const offered = (syntaxOnly ? syntax : now.filter((f) => f.fix)).map((f) => f.rule);
    if (pass > MAX_FIX_PASSES) throw new Error(`fixes still offered after ${MAX_FIX_PASSES} passes: ${offered.join(', ')}`);
    const dockerfile = applyFixes(current.dockerfile, forDockerfile).text;
    const dockerignore = forIgnore.length > 0 ? applyFixes(current.dockerignore ?? '', forIgnore).text : current.dockerignore;
    if (dockerfile === current.dockerfile && dockerignore === current.dockerignore) throw new Error(`pass ${pass}: fixes that change nothing: ${offered.join(', ')}`);
    current = { ...current, dockerfile, ...(dockerignore !== undefined ? { dockerignore } : {}) };
    now = lint(current);
    try {
      checkFindings(current, now);
    } catch (err) {
      throw new Error(`after fix pass ${pass}: ${(err as Error).message}\n--- fixed text ---\n${JSON.stringify(current)}`);
    }
    const stages = buildModel(current.dockerfile).stages.length;
    if (syntaxOnly) {
      before = errorRules(now);
      stagesBefore = stages;
      continue;
    }
    if (stages !== stagesBefore) throw new Error(`fix pass ${pass} changed the number of stages from ${stagesBefore} to ${stages}`);
    for (const rule of errorRules(now)) {
      if (!before.has(rule)) throw new Error(`fix pass ${pass} (${[...new Set(offered)].join(', ')}) introduced ${rule} at error severity\n--- fixed input ---\n${JSON.stringify(current)}`);
    }
  }
}

/**
 * The shell words the rules judge point at real text: each word of each command has a non-empty
 * range inside the document, after the word before it. (When the tokeniser and the cursor that
 * locates its tokens disagree, ranges collapse to the end of the text and fixes land there.)
 */
export function checkShellWords(dockerfile: string): void {
  const model = buildModel(dockerfile);
  const lines = linesOf(model.text);
  const at = (p: { line: number; character: number }) => model.doc.offsetAt(p);
  for (const ins of model.instructions) {
    for (const cmd of ins.commands) {
      let previousEnd = -1;
      for (const w of [...cmd.assignments, { value: cmd.program, range: cmd.programRange }, ...cmd.args]) {
        const problem = rangeProblem(w.range, lines);
        if (problem) throw new Error(`${ins.keyword} word ${JSON.stringify(w.value)}: ${problem}`);
        const start = at(w.range.start);
        const end = at(w.range.end);
        if (end <= start) throw new Error(`${ins.keyword} word ${JSON.stringify(w.value)} of \`${cmd.program}\` has an empty range at ${start}`);
        if (start < previousEnd) throw new Error(`${ins.keyword} word ${JSON.stringify(w.value)} of \`${cmd.program}\` starts at ${start}, inside the word before it (ends ${previousEnd})`);
        previousEnd = end;
      }
    }
  }
}

export interface LintRun {
  ms: number;
  findings: Finding[];
}

/**
 * Every property at once: lint does not throw, finishes in time, is deterministic, reports
 * well-formed findings inside the text, and its fixes are safe and settle.
 */
export function checkAllProperties(input: LintInput): LintRun {
  const started = performance.now();
  const first = lint(input);
  const ms = performance.now() - started;
  if (ms > SLOW_LINT_MS) throw new Error(`lint took ${Math.round(ms)} ms (limit ${SLOW_LINT_MS} ms)`);
  const second = lint(input);
  const a = JSON.stringify(first);
  const b = JSON.stringify(second);
  if (a !== b) throw new Error(`not deterministic:\n${a}\n${b}`);
  checkFindings(input, first);
  checkShellWords(input.dockerfile);
  checkFixes(input, first);
  return { ms, findings: first };
}
