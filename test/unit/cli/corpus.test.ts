/**
 * Real-world Dockerfiles (test/fixtures/dockerfiles: official images, Windows with `# escape=\``,
 * heredocs) through the CLI: no rule may fail on them, nothing is a parse error, and every finding
 * points inside the text of the file it names.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, SPAWN_TIMEOUT, parseJson, runCli, type JsonFinding } from './helpers.ts';

const CORPUS = 'test/fixtures/dockerfiles';
const names = readdirSync(join(REPO, CORPUS)).filter((n) => n.endsWith('.Dockerfile'));

function textOf(file: string): string {
  const path = join(REPO, file);
  // a finding about a missing .dockerignore points at the (empty) file it asks for
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Whether a one-based position is inside the text: a line that exists, a column up to its end. */
function inside(lines: string[], line: number, column: number): boolean {
  return line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1].length + 1;
}

describe('the real-world corpus', { timeout: SPAWN_TIMEOUT }, () => {
  it('has the shapes it is meant to cover', () => {
    expect(names.length).toBeGreaterThanOrEqual(6);
    const texts = names.map((n) => readFileSync(join(REPO, CORPUS, n), 'utf8'));
    expect(texts.some((t) => t.startsWith('# escape=`'))).toBe(true);
    expect(texts.some((t) => /^RUN .*<<EOT$/m.test(t))).toBe(true);
  });

  let findings: JsonFinding[] = [];

  it('lints every file with no engine or parse error', async () => {
    const run = await runCli(['lint', '--format', 'json', CORPUS], { cwd: REPO });
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    findings = parseJson(run);
    expect(findings.filter((f) => f.rule === 'engine-error' || f.rule === 'parse-error')).toEqual([]);
    const text = await runCli(['lint', CORPUS], { cwd: REPO });
    expect(text.stdout).toContain(` in ${names.length} files`);
  });

  it('reports every finding inside the text of its file', () => {
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.file.startsWith(`${CORPUS}/`), f.file).toBe(true);
      const lines = textOf(f.file).split(/\r\n|\r|\n/);
      const where = `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.rule}`;
      expect(inside(lines, f.line, f.column), where).toBe(true);
      expect(inside(lines, f.endLine, f.endColumn), where).toBe(true);
      expect(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column), where).toBe(true);
    }
  });
});
