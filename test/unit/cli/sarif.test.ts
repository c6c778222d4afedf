/**
 * SARIF output, validated against the official SARIF 2.1.0 schema (test/fixtures, draft-07, so the
 * default `ajv` entry point), on real CLI runs and on synthetic reports that exercise every branch
 * of the formatter: fixes for both files, standard input, engine findings, every severity.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules, rulesById, type Finding } from '../../../src/engine/index.ts';
import { formatSarif } from '../../../src/cli/formatters/sarif.ts';
import type { ReportedFile } from '../../../src/cli/report.ts';
import { REPO, runCli, tempProject, SPAWN_TIMEOUT } from './helpers.ts';

const schema = JSON.parse(readFileSync(join(REPO, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

let validate: ((data: unknown) => boolean) & { errors?: unknown };
beforeAll(() => {
  // strict: false because Ajv's strict mode judges schema-writing style (the official schema has
  // e.g. a `default` on a string item), not what a document must satisfy
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  validate = ajv.compile(schema);
});

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
  expect(ok).toBe(true);
}

const range = (line: number, character: number, endLine: number, endCharacter: number) => ({
  start: { line, character },
  end: { line: endLine, character: endCharacter },
});

describe('the schema', () => {
  it('is the draft-07 SARIF 2.1.0 schema and rejects what SARIF forbids', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toContain('2.1.0');
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [] }] })).toBe(true);
    // levels are error/warning/note/none: "info" is not one of them
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'info' }] }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', informationUri: 'not a uri' } } }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false);
  });
});

describe('shipshape lint --format sarif', { timeout: SPAWN_TIMEOUT }, () => {
  it('is valid SARIF 2.1.0 for findings in several files and folders', async () => {
    const files: Record<string, string> = { '.dockerignore': '.git\n' };
    for (const rule of allRules) files[`${rule.meta.id}/Dockerfile`] = rule.meta.examples.incorrect;
    const dir = tempProject(files);
    const run = await runCli(['lint', '--format', 'sarif', ...allRules.map((r) => `${r.meta.id}/Dockerfile`)], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    expectValid(log);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].results?.length).toBeGreaterThanOrEqual(allRules.length);
  });

  it('is valid SARIF 2.1.0 for the real-world corpus and for standard input', async () => {
    const corpus = await runCli(['lint', '--format', 'sarif', 'test/fixtures/dockerfiles'], { cwd: REPO });
    expectValid(JSON.parse(corpus.stdout));
    const stdin = await runCli(['lint', '--format', 'sarif', '-'], { cwd: tempProject(), input: 'FROM node:latest\n' });
    expectValid(JSON.parse(stdin.stdout));
    const clean = await runCli(['lint', '--format', 'sarif', '-'], { cwd: tempProject({ '.shipshape.json': JSON.stringify({ rules: Object.fromEntries(allRules.map((r) => [r.meta.id, 'off'])) }) }), input: 'FROM node:latest\n' });
    const cleanLog = JSON.parse(clean.stdout) as Sarif.Log;
    expectValid(cleanLog);
    expect(cleanLog.runs[0].results).toEqual([]);
    expect(readdirSync(join(REPO, 'test/fixtures/dockerfiles')).filter((n) => n.endsWith('.Dockerfile')).length).toBe(
      (JSON.parse(corpus.stdout) as Sarif.Log).runs[0].artifacts?.length,
    );
  });

  it('describes the tool and every rule: lesson as helpUri, why as fullDescription, default level', async () => {
    const dir = tempProject({ 'app/Dockerfile': 'FROM node:latest\nCMD ["node", "server.js"]\n' });
    const log = JSON.parse((await runCli(['lint', '--format', 'sarif', 'app/Dockerfile'], { cwd: dir })).stdout) as Sarif.Log;
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('shipshape');
    expect(driver.informationUri).toBe('https://shipshape.example/');
    expect(driver.version).toBe(VERSION);
    const levels = { error: 'error', warning: 'warning', info: 'note' } as const;
    expect(driver.rules?.slice(0, allRules.length).map((r) => [r.id, r.shortDescription?.text, r.fullDescription?.text, r.helpUri, r.defaultConfiguration?.level])).toEqual(
      allRules.map(({ meta }) => [meta.id, meta.title, meta.why, `https://shipshape.example/${meta.lesson}/`, levels[meta.severity]]),
    );

    const result = log.runs[0].results?.find((r) => r.ruleId === 'no-latest-tag');
    expect(result).toBeDefined();
    expect(driver.rules?.[result?.ruleIndex ?? -1]?.id).toBe('no-latest-tag');
    expect(result?.level).toBe('error');
    expect(result?.locations?.[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'app/Dockerfile', uriBaseId: 'SRCROOT', index: 0 },
      region: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 17 },
    });
    expect(log.runs[0].originalUriBaseIds?.SRCROOT?.uri).toMatch(/^file:\/\/.*\/$/);
    expect(log.runs[0].columnKind).toBe('utf16CodeUnits');
  });
});

describe('formatSarif', () => {
  const cwd = '/work/project';
  const fixable: Finding = {
    rule: 'no-latest-tag',
    severity: 'info',
    message: 'Pin a version.',
    range: range(0, 5, 0, 16),
    file: 'Dockerfile',
    lesson: '02-pin-base-images',
    fix: { title: 'Use node:22', edits: [{ range: range(0, 5, 0, 16), newText: 'node:22' }] },
  };
  const ignoreFix: Finding = {
    rule: 'no-untagged-base',
    severity: 'warning',
    message: 'Ignore .git.',
    range: range(0, 0, 0, 0),
    file: '.dockerignore',
    lesson: '02-pin-base-images',
    // a fix for the ignore file names it, as the engine's fixes will
    fix: { title: 'Add .git', edits: [{ range: range(1, 0, 1, 0), newText: '.git\n' }], file: '.dockerignore' } as Finding['fix'],
  };
  const engineError: Finding = { rule: 'engine-error', severity: 'error', message: 'Rule x failed.', range: range(0, 0, 0, 0), file: 'Dockerfile', lesson: '' };
  const files: ReportedFile[] = [
    {
      path: 'my app/Dockerfile',
      absolutePath: `${cwd}/my app/Dockerfile`,
      dockerignore: { path: 'my app/.dockerignore', absolutePath: `${cwd}/my app/.dockerignore`, exists: true },
      findings: [fixable, ignoreFix, engineError],
      fixesApplied: 0,
    },
    { path: '<stdin>', findings: [{ ...fixable, severity: 'error' }], fixesApplied: 0 },
    { path: '../elsewhere/Dockerfile', absolutePath: '/work/elsewhere/Dockerfile', findings: [{ ...fixable, severity: 'warning' }], fixesApplied: 0 },
  ];
  const log = JSON.parse(formatSarif(files, cwd)) as Sarif.Log;
  const results = log.runs[0].results ?? [];

  it('is valid SARIF 2.1.0', () => {
    expectValid(log);
  });

  it('maps severities without merging info into anything else', () => {
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['no-latest-tag', 'note'],
      ['no-untagged-base', 'warning'],
      ['engine-error', 'error'],
      ['no-latest-tag', 'error'],
      ['no-latest-tag', 'warning'],
    ]);
  });

  it('gives engine findings a rule descriptor of their own, after the rules', () => {
    const rules = log.runs[0].tool.driver.rules ?? [];
    expect(rules).toHaveLength(allRules.length + 1);
    expect(rules[results[2].ruleIndex ?? -1]).toMatchObject({ id: 'engine-error', defaultConfiguration: { level: 'error' } });
    expect(rules[results[0].ruleIndex ?? -1].id).toBe('no-latest-tag');
    expect(rulesById.has('no-latest-tag')).toBe(true);
  });

  it('locates files relative to the working directory, percent-encoded, else by file URL', () => {
    const uris = results.map((r) => r.locations?.[0].physicalLocation?.artifactLocation);
    expect(uris[0]).toEqual({ uri: 'my%20app/Dockerfile', uriBaseId: 'SRCROOT', index: 0 });
    expect(uris[1]).toEqual({ uri: 'my%20app/.dockerignore', uriBaseId: 'SRCROOT', index: 1 });
    expect(uris[3]).toEqual({ description: { text: 'standard input' } });
    expect(uris[4]).toEqual({ uri: 'file:///work/elsewhere/Dockerfile', index: 2 });
    expect(log.runs[0].artifacts?.map((a) => a.location?.uri)).toEqual(['my%20app/Dockerfile', 'my%20app/.dockerignore', 'file:///work/elsewhere/Dockerfile']);
  });

  it('carries fixes as replacements in the file each fix edits', () => {
    expect(results[0].fixes).toEqual([
      {
        description: { text: 'Use node:22' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'my%20app/Dockerfile', uriBaseId: 'SRCROOT', index: 0 },
            replacements: [{ deletedRegion: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 17 }, insertedContent: { text: 'node:22' } }],
          },
        ],
      },
    ]);
    expect(results[1].fixes?.[0].artifactChanges[0].artifactLocation).toEqual({ uri: 'my%20app/.dockerignore', uriBaseId: 'SRCROOT', index: 1 });
    expect(results[1].fixes?.[0].artifactChanges[0].replacements[0].deletedRegion).toEqual({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 });
    expect(results[2].fixes).toBeUndefined();
  });
});
