/**
 * --fix: the lint+fix loop in-process with rules made for the purpose (overlapping fixes that need
 * a second pass, a fix to the .dockerignore, fixes that never settle), then the real CLI: fixing
 * twice changes nothing the second time, and a file with nothing to fix is left byte for byte.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FIX_PASSES, fixUntilStable } from '../../../src/cli/fix.ts';
import { allRules, defineRule, type Rule } from '../../../src/engine/index.ts';
import { LineIndex } from '../../../src/engine/text.ts';
import { exampleProject, parseJson, runCli, tempProject, SPAWN_TIMEOUT } from './helpers.ts';

const meta = (id: string) => ({
  id,
  title: `Test rule ${id}`,
  severity: 'warning' as const,
  lesson: '02-pin-base-images',
  related: {},
  why: 'A rule made for testing the fix loop, not shipped.',
  fixable: true,
  examples: { incorrect: 'from x\n', correct: 'FROM x\n' },
});

/** Upper-cases instruction keywords written in lower case. */
const upperKeyword: Rule = defineRule({
  meta: meta('test-upper-keyword'),
  create(context) {
    return {
      instruction(ins) {
        const written = context.model.doc.rangeText(ins.keywordRange);
        if (written === written.toUpperCase()) return;
        context.report({ range: ins.keywordRange, message: 'Write keywords in upper case.', fix: { title: 'Upper-case', edits: [{ range: ins.keywordRange, newText: written.toUpperCase() }] } });
      },
    };
  },
});

/** Collapses the spaces after a keyword; its fix overlaps upperKeyword's, so it lands a pass later. */
const singleSpace: Rule = defineRule({
  meta: meta('test-single-space'),
  create(context) {
    return {
      instruction(ins) {
        if (!ins.argumentsRange) return;
        const range = { start: ins.keywordRange.start, end: ins.argumentsRange.start };
        const written = context.model.doc.rangeText(range);
        if (!/ {2,}$/.test(written)) return;
        context.report({ range, message: 'One space after the keyword.', fix: { title: 'One space', edits: [{ range, newText: `${written.trimEnd()} ` }] } });
      },
    };
  },
});

/** Wants `.git` in the .dockerignore; its fix edits the ignore file (and creates it). */
const ignoreGit: Rule = defineRule({
  meta: meta('test-ignore-git'),
  create(context) {
    return {
      end() {
        const ignore = context.input.dockerignore ?? '';
        if (ignore.split('\n').includes('.git')) return;
        const doc = new LineIndex(ignore);
        const endOfFile = doc.positionAt(ignore.length);
        const newText = `${ignore === '' || ignore.endsWith('\n') ? '' : '\n'}.git\n`;
        const at = { start: endOfFile, end: endOfFile };
        context.report({ range: at, file: '.dockerignore', message: 'Ignore .git.', fix: { title: 'Ignore .git', edits: [{ range: at, newText }], file: '.dockerignore' } });
      },
    };
  },
});

/** A fix that never settles: it flips a comment back and forth. */
const flipFlop: Rule = defineRule({
  meta: meta('test-flip-flop'),
  create(context) {
    return {
      end() {
        const line = context.model.doc.lineText(0);
        const range = { start: { line: 0, character: 0 }, end: { line: 0, character: line.length } };
        context.report({ range, message: 'Flip.', fix: { title: 'Flip', edits: [{ range, newText: line === '# a' ? '# b' : '# a' }] } });
      },
    };
  },
});

describe('fixUntilStable', () => {
  const rules = [upperKeyword, singleSpace, ignoreGit];

  it('applies fixes to both files over as many passes as overlapping fixes need', () => {
    const outcome = fixUntilStable({ dockerfile: 'from   node:22\nrun  echo hi\nCMD ["node"]\n' }, { rules });
    expect(outcome.input.dockerfile).toBe('FROM node:22\nRUN echo hi\nCMD ["node"]\n');
    expect(outcome.input.dockerignore).toBe('.git\n');
    expect(outcome.passes).toBe(2);
    // pass 1: two keywords and the ignore file; pass 2: the two spacing fixes that overlapped
    expect(outcome.applied).toBe(5);
    expect(outcome.findings).toEqual([]);
    expect(outcome).toMatchObject({ dockerfileChanged: true, dockerignoreChanged: true, exhausted: false });
  });

  it('is idempotent: fixing the fixed input changes nothing', () => {
    const first = fixUntilStable({ dockerfile: 'from  node:22\n', dockerignore: 'node_modules' }, { rules });
    expect(first.input.dockerignore).toBe('node_modules\n.git\n');
    const second = fixUntilStable(first.input, { rules });
    expect(second).toMatchObject({ applied: 0, passes: 0, dockerfileChanged: false, dockerignoreChanged: false, input: first.input });
  });

  it('stops after MAX_FIX_PASSES when fixes never settle, and says so', () => {
    const outcome = fixUntilStable({ dockerfile: '# a\nFROM node:22\n' }, { rules: [flipFlop] });
    expect(outcome.passes).toBe(MAX_FIX_PASSES);
    expect(outcome.exhausted).toBe(true);
    expect(outcome.findings.map((f) => f.rule)).toEqual(['test-flip-flop']);
  });
});

describe('shipshape lint --fix', { timeout: SPAWN_TIMEOUT }, () => {
  it('leaves a file with nothing to fix untouched, byte order mark and CRLF included', async () => {
    const off = JSON.stringify({ rules: Object.fromEntries(allRules.map((r) => [r.meta.id, 'off'])) });
    const bytes = new TextEncoder().encode('\uFEFFFROM node:latest\r\nCMD ["node", "server.js"]\r\n');
    const dir = tempProject({ Dockerfile: bytes, '.shipshape.json': off });
    const before = statSync(join(dir, 'Dockerfile')).mtimeMs;
    for (let i = 0; i < 2; i++) {
      const run = await runCli(['lint', '--fix', 'Dockerfile'], { cwd: dir });
      expect(run).toEqual({ code: 0, stdout: 'No problems in 1 file.\n', stderr: '' });
    }
    expect(new Uint8Array(readFileSync(join(dir, 'Dockerfile')))).toEqual(bytes);
    expect(statSync(join(dir, 'Dockerfile')).mtimeMs).toBe(before);
  });

  const fixable = allRules.filter((r) => r.meta.fixable);

  it('has fixable rules to try', () => {
    // the course promises quick fixes; if every rule loses its fix, the loop below tests nothing
    expect(fixable.length).toBeGreaterThan(0);
  });

  for (const rule of fixable) {
    it(`fixes the project of ${rule.meta.id}'s example once: a second --fix changes nothing`, async () => {
      const files = exampleProject(rule.meta, 'incorrect');
      const dir = tempProject({ ...files, Dockerfile: `\uFEFF${files.Dockerfile}` });
      const paths = [join(dir, 'Dockerfile'), join(dir, '.dockerignore')];
      const read = () => paths.map((p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined));
      const original = read();
      // what a plain lint offers to fix decides whether the first --fix must change something
      const offered = parseJson(await runCli(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir })).filter((f) => f.fixable);

      const first = await runCli(['lint', '--fix', '--format', 'json', 'Dockerfile'], { cwd: dir });
      const fixed = read();
      if (offered.length > 0) {
        expect(first.stderr).toMatch(/^shipshape: Dockerfile: applied \d+ fix(es)?( in \d+ passes)?\n$/);
        expect(fixed).not.toEqual(original);
      } else {
        expect(first.stderr).toBe('');
        expect(fixed).toEqual(original);
      }
      expect(fixed[0]?.startsWith('\uFEFF')).toBe(true);
      expect(parseJson(first).filter((f) => f.fixable && f.rule === rule.meta.id)).toEqual([]);

      const mtimes = paths.map((p) => (existsSync(p) ? statSync(p).mtimeMs : undefined));
      const second = await runCli(['lint', '--fix', '--format', 'json', 'Dockerfile'], { cwd: dir });
      expect(second.stderr).toBe('');
      expect(read()).toEqual(fixed);
      expect(paths.map((p) => (existsSync(p) ? statSync(p).mtimeMs : undefined))).toEqual(mtimes);
      // both runs report what remains after fixing, so they agree
      expect(second.stdout).toBe(first.stdout);
      expect(second.code).toBe(first.code);
    });
  }

  it('fixes the .dockerignore a fix names, creating nothing else', async () => {
    const withIgnoreFix = fixable.filter((r) => r.meta.examples.dockerignore?.incorrect !== undefined);
    expect(withIgnoreFix.length, 'a fixable rule whose example has a .dockerignore').toBeGreaterThan(0);
    const rule = withIgnoreFix[0];
    const files = exampleProject(rule.meta, 'incorrect');
    const dir = tempProject(files);
    const before = parseJson(await runCli(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir })).filter((f) => f.rule === rule.meta.id);
    expect(before.some((f) => f.fixable && f.file === '.dockerignore')).toBe(true);
    await runCli(['lint', '--fix', 'Dockerfile'], { cwd: dir });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(files.Dockerfile);
    const ignore = readFileSync(join(dir, '.dockerignore'), 'utf8');
    expect(ignore.startsWith(files['.dockerignore'])).toBe(true);
    expect(ignore.length).toBeGreaterThan(files['.dockerignore'].length);
  });
});
