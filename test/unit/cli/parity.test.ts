/**
 * The CLI and the course grade alike: for the same text, `shipshape lint --format json` reports
 * exactly what `lint()` reports (the browser worker calls grade(), which calls lint()), once both
 * are put in the same shape. And the build-context rules judge a project on disk, read by the CLI,
 * as they judge the virtual project their documentation example describes.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, grade, lint, type Finding, type LintInput } from '../../../src/engine/index.ts';
import { normalizeText } from '../../../src/engine/model.ts';
import { REPO, SPAWN_TIMEOUT, exampleProject, parseJson, runCli, tempProject, type JsonFinding } from './helpers.ts';

interface Comparable {
  file: string;
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  lesson: string | null;
  fixable: boolean;
}

const fromCli = (f: JsonFinding): Comparable => ({
  file: f.file,
  rule: f.rule,
  severity: f.severity,
  message: f.message,
  line: f.line,
  column: f.column,
  endLine: f.endLine,
  endColumn: f.endColumn,
  lesson: f.lesson,
  fixable: f.fixable,
});

const fromEngine = (folder: string) => (f: Finding): Comparable => ({
  file: `${folder}/${f.file}`,
  rule: f.rule,
  severity: f.severity,
  message: f.message,
  line: f.range.start.line + 1,
  column: f.range.start.character + 1,
  endLine: f.range.end.line + 1,
  endColumn: f.range.end.character + 1,
  lesson: f.lesson ? `https://shipshape.example/${f.lesson}/` : null,
  fixable: f.fix !== undefined,
});

const corpusDir = join(REPO, 'test/fixtures/dockerfiles');
const cases = new Map<string, string>();
for (const { meta } of allRules) {
  cases.set(`${meta.id}-incorrect`, meta.examples.incorrect);
  cases.set(`${meta.id}-correct`, meta.examples.correct);
}
for (const name of readdirSync(corpusDir).filter((n) => n.endsWith('.Dockerfile'))) cases.set(`corpus-${name.replace(/\.Dockerfile$/, '')}`, readFileSync(join(corpusDir, name), 'utf8'));

describe('CLI and web grading', { timeout: SPAWN_TIMEOUT }, () => {
  it('report the same findings for the same Dockerfile', async () => {
    // each case in a folder of its own, holding only its Dockerfile: that folder is its build context
    const files = Object.fromEntries([...cases].map(([name, text]) => [`${name}/Dockerfile`, text]));
    const dir = tempProject(files);
    const run = await runCli(['lint', '--format', 'json', ...Object.keys(files)], { cwd: dir });
    expect(run.stderr).toBe('');
    const cli = parseJson(run).map(fromCli);

    const engine: Comparable[] = [];
    const graded: Comparable[] = [];
    for (const [name, text] of cases) {
      // the CLI reads a file as an editor does: a byte order mark is not text, and columns count from after it
      const dockerfile = normalizeText(text);
      const input: LintInput = { dockerfile, context: [{ path: 'Dockerfile', size: statSync(join(dir, name, 'Dockerfile')).size }] };
      engine.push(...lint(input).map(fromEngine(name)));
      graded.push(...grade({ checks: [] }, input).findings.map(fromEngine(name)));
    }
    expect(cli.length).toBeGreaterThan(cases.size);
    expect(cli).toEqual(engine);
    expect(graded).toEqual(engine);
  });
});

describe('build-context rules on a real folder', { timeout: SPAWN_TIMEOUT }, () => {
  const contextRules = allRules.filter(({ meta }) => meta.examples.context !== undefined || meta.examples.dockerignore !== undefined);

  it('exist, so this test has something to check', () => {
    expect(contextRules.length).toBeGreaterThan(0);
  });

  for (const { meta } of contextRules) {
    it(`${meta.id}: fires on its incorrect example's project and not on its correct one`, async () => {
      const incorrect = tempProject(exampleProject(meta, 'incorrect'));
      const found = parseJson(await runCli(['lint', '--format', 'json', 'Dockerfile'], { cwd: incorrect })).filter((f) => f.rule === meta.id);
      expect(found.length, 'findings on the incorrect project').toBeGreaterThan(0);
      // a finding names the file it is in, as the user sees it
      for (const f of found) expect(['Dockerfile', '.dockerignore']).toContain(f.file);
      const correct = tempProject(exampleProject(meta, 'correct'));
      const clean = parseJson(await runCli(['lint', '--format', 'json', 'Dockerfile'], { cwd: correct })).filter((f) => f.rule === meta.id);
      expect(clean).toEqual([]);
    });
  }
});
