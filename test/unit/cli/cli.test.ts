/**
 * The `shipshape` CLI as users run it: a real process on temporary folders. Formats, exit codes,
 * input handling, config, .dockerignore discovery and colour.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, rulesById } from '../../../src/engine/index.ts';
import { CLI, REPO, parseJson, runCli, tempProject, type JsonFinding, SPAWN_TIMEOUT } from './helpers.ts';

const LATEST = 'FROM node:latest\nCMD ["node", "server.js"]\n';
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const ANSI = /\u001b\[/;
const ruleIds = allRules.map((r) => r.meta.id);
const everyRule = (setting: string) => JSON.stringify({ rules: Object.fromEntries(ruleIds.map((id) => [id, setting])) });

/** The no-latest-tag finding of LATEST, which every test below relies on. */
const latestFinding = (findings: JsonFinding[]) => findings.find((f) => f.rule === 'no-latest-tag');

/** One line on stderr, prefixed with the tool name. */
function expectOneLineError(run: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^shipshape: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
}

describe('help and version', { timeout: SPAWN_TIMEOUT }, () => {
  it('prints the main help with the commands', async () => {
    const run = await runCli(['--help'], { cwd: REPO });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: shipshape <command>/);
    expect(run.stdout).toContain('lint [options] PATH...');
    expect(run.stdout).toContain('rules');
  });

  it('prints the lint help with every option, the size limit and the exit codes', async () => {
    const run = await runCli(['lint', '--help'], { cwd: REPO });
    expect(run.code).toBe(0);
    for (const option of ['--format', '--fix', '--config', '--context', '--max-size']) expect(run.stdout).toContain(option);
    expect(run.stdout).toContain('default 1048576, 1 MiB');
    expect(run.stdout).toContain('Exit status: 0');
  });

  it('prints the rules help', async () => {
    const run = await runCli(['rules', '-h'], { cwd: REPO });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: shipshape rules/);
  });

  it('prints the version from package.json', async () => {
    for (const flag of ['--version', '-v']) {
      const run = await runCli([flag], { cwd: REPO });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${VERSION}\n`);
    }
  });
});

describe('lint: output formats', { timeout: SPAWN_TIMEOUT }, () => {
  it('text: compiler-style lines with the lesson link, and a summary', async () => {
    const dir = tempProject({ Dockerfile: LATEST });
    const run = await runCli(['lint', 'Dockerfile'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Dockerfile:1:6: error no-latest-tag \S.* \(https:\/\/shipshape\.example\/02-pin-base-images\/\)$/m);
    for (const line of run.stdout.trimEnd().split('\n').slice(0, -1)) {
      expect(line).toMatch(/^Dockerfile:\d+:\d+: (error|warning|info) [a-z0-9-]+ \S/);
    }
    const last = run.stdout.trimEnd().split('\n').at(-1);
    expect(last).toMatch(/^\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\) in 1 file/);
    expect(run.stdout).not.toMatch(ANSI);
  });

  it('text: says so when nothing is found', async () => {
    const dir = tempProject({ Dockerfile: LATEST, '.shipshape.json': everyRule('off') });
    const run = await runCli(['lint', 'Dockerfile'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No problems in 1 file.\n');
  });

  it('json: one array of findings with one-based positions, the lesson URL and related checks', async () => {
    const dir = tempProject({ 'app/Dockerfile': LATEST });
    const run = await runCli(['lint', '--format', 'json', 'app/Dockerfile'], { cwd: dir });
    expect(run.code).toBe(1);
    const findings = parseJson(run);
    expect(latestFinding(findings)).toEqual({
      file: 'app/Dockerfile',
      rule: 'no-latest-tag',
      severity: 'error',
      message: expect.stringContaining('latest'),
      line: 1,
      column: 6,
      endLine: 1,
      endColumn: 17,
      lesson: 'https://shipshape.example/02-pin-base-images/',
      related: rulesById.get('no-latest-tag')?.meta.related,
      fixable: false,
    });
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(['column', 'endColumn', 'endLine', 'file', 'fixable', 'lesson', 'line', 'message', 'related', 'rule', 'severity']);
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
    }
  });

  it('rules: lists every rule as a table and as JSON', async () => {
    const text = await runCli(['rules'], { cwd: REPO });
    expect(text.code).toBe(0);
    for (const id of ruleIds) expect(text.stdout).toMatch(new RegExp(`^${id} `, 'm'));
    const json = await runCli(['rules', '--format', 'json'], { cwd: REPO });
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(listed).toEqual(
      allRules.map(({ meta }) => ({
        id: meta.id,
        title: meta.title,
        severity: meta.severity,
        lesson: `https://shipshape.example/${meta.lesson}/`,
        related: meta.related,
        fixable: meta.fixable,
      })),
    );
  });
});

describe('lint: exit codes', { timeout: SPAWN_TIMEOUT }, () => {
  it('exits 1 while an error or warning remains', async () => {
    const dir = tempProject({ Dockerfile: LATEST, '.shipshape.json': JSON.stringify({ rules: { 'no-latest-tag': 'warning' } }) });
    const run = await runCli(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir });
    expect(latestFinding(parseJson(run))?.severity).toBe('warning');
    expect(run.code).toBe(1);
  });

  it('exits 0 when only info findings remain', async () => {
    const dir = tempProject({ Dockerfile: LATEST, '.shipshape.json': everyRule('info') });
    const run = await runCli(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir });
    const findings = parseJson(run);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === 'info')).toBe(true);
    expect(run.code).toBe(0);
  });

  it('exits 0 with no findings', async () => {
    const dir = tempProject({ Dockerfile: LATEST, '.shipshape.json': everyRule('off') });
    const run = await runCli(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir });
    expect(parseJson(run)).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe('lint: inputs', { timeout: SPAWN_TIMEOUT }, () => {
  it('reads standard input for -', async () => {
    const dir = tempProject();
    const json = await runCli(['lint', '--format', 'json', '-'], { cwd: dir, input: LATEST });
    expect(json.code).toBe(1);
    expect(latestFinding(parseJson(json))).toMatchObject({ file: '<stdin>', line: 1, column: 6 });
    const text = await runCli(['lint', '-'], { cwd: dir, input: LATEST });
    expect(text.stdout).toMatch(/^<stdin>:1:6: error no-latest-tag /m);
  });

  it('lints the Dockerfiles of a directory: Dockerfile, *.Dockerfile, Dockerfile.*, never an ignore file', async () => {
    const dir = tempProject({
      'app/Dockerfile': LATEST,
      'app/worker.Dockerfile': LATEST,
      'app/Dockerfile.dev': LATEST,
      'app/Dockerfile.dockerignore': '.git\n',
      'app/README.md': '# app\n',
    });
    const run = await runCli(['lint', '--format', 'json', 'app'], { cwd: dir });
    expect(run.code).toBe(1);
    const linted = parseJson(run)
      .filter((f) => f.rule === 'no-latest-tag')
      .map((f) => f.file);
    expect(linted).toEqual(['app/Dockerfile', 'app/Dockerfile.dev', 'app/worker.Dockerfile']);
    const text = await runCli(['lint', 'app'], { cwd: dir });
    expect(text.stdout).toMatch(/ in 3 files/);
  });

  it('refuses a missing file', async () => {
    const dir = tempProject();
    expectOneLineError(await runCli(['lint', 'nope/Dockerfile'], { cwd: dir }), /^shipshape: cannot read nope\/Dockerfile: no such file or directory\n$/);
  });

  it('refuses a directory without a Dockerfile', async () => {
    const dir = tempProject({ 'empty/README.md': 'no Dockerfile here\n', 'empty/Dockerfile.dockerignore': '.git\n' });
    expectOneLineError(await runCli(['lint', 'empty'], { cwd: dir }), /no Dockerfile in empty/);
  });

  it('refuses binary input: NUL bytes', async () => {
    const dir = tempProject({ Dockerfile: new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02]) });
    expectOneLineError(await runCli(['lint', 'Dockerfile'], { cwd: dir }), /Dockerfile is not a text file \(NUL byte at offset 4\)/);
    expectOneLineError(await runCli(['lint', '-'], { cwd: dir, input: new Uint8Array([0x00, 0x46]) }), /standard input is not a text file/);
  });

  it('refuses binary input: invalid UTF-8', async () => {
    const dir = tempProject({ Dockerfile: new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xc3, 0x28, 0x0a]) });
    expectOneLineError(await runCli(['lint', 'Dockerfile'], { cwd: dir }), /Dockerfile is not valid UTF-8 text/);
  });

  it('refuses input over --max-size, and over 1 MiB by default', async () => {
    const dir = tempProject({ Dockerfile: LATEST, 'big/Dockerfile': `FROM node:22\n${'# padding\n'.repeat(104858)}` });
    expectOneLineError(await runCli(['lint', '--max-size', '10', 'Dockerfile'], { cwd: dir }), /Dockerfile is \d+ bytes, over the 10-byte limit/);
    expectOneLineError(await runCli(['lint', '--max-size', '10', '-'], { cwd: dir, input: LATEST }), /standard input is over the 10-byte limit/);
    expectOneLineError(await runCli(['lint', 'big/Dockerfile'], { cwd: dir }), /big\/Dockerfile is 1048593 bytes, over the 1048576-byte limit/);
    const raised = await runCli(['lint', '--max-size', '2000000', '--format', 'json', 'big/Dockerfile'], { cwd: dir });
    expect(raised.stderr).toBe('');
    expect([0, 1]).toContain(raised.code);
  });

  it('refuses bad arguments with one line', async () => {
    const dir = tempProject({ Dockerfile: LATEST });
    expectOneLineError(await runCli([], { cwd: dir }), /a command is needed/);
    expectOneLineError(await runCli(['check', 'Dockerfile'], { cwd: dir }), /unknown command 'check'/);
    expectOneLineError(await runCli(['lint', '--frmat', 'json', 'Dockerfile'], { cwd: dir }), /unknown option '--frmat'/);
    expectOneLineError(await runCli(['lint', '--format', 'xml', 'Dockerfile'], { cwd: dir }), /--format must be one of text, json, sarif \(got 'xml'\)/);
    expectOneLineError(await runCli(['lint', '--max-size', '1MB', 'Dockerfile'], { cwd: dir }), /--max-size takes a whole number of bytes/);
    expectOneLineError(await runCli(['lint'], { cwd: dir }), /lint needs a PATH/);
    expectOneLineError(await runCli(['lint', '--fix', '-'], { cwd: dir, input: LATEST }), /--fix .* not standard input/);
    expectOneLineError(await runCli(['lint', '--context', 'nowhere', 'Dockerfile'], { cwd: dir }), /--context nowhere: no such file or directory/);
    expectOneLineError(await runCli(['rules', '--format', 'sarif'], { cwd: dir }), /--format must be one of text, json/);
  });
});

describe('lint: config', { timeout: SPAWN_TIMEOUT }, () => {
  it('applies --config FILE', async () => {
    const dir = tempProject({ Dockerfile: LATEST, 'ci/shipshape.json': JSON.stringify({ rules: { 'no-latest-tag': 'off' } }) });
    const run = await runCli(['lint', '--format', 'json', '--config', 'ci/shipshape.json', 'Dockerfile'], { cwd: dir });
    expect(latestFinding(parseJson(run))).toBeUndefined();
  });

  it('prefers .shipshape.json beside the Dockerfile over the one in the working directory', async () => {
    const dir = tempProject({
      '.shipshape.json': JSON.stringify({ rules: { 'no-latest-tag': 'info' } }),
      'app/.shipshape.json': JSON.stringify({ rules: { 'no-latest-tag': 'warning' } }),
      'app/Dockerfile': LATEST,
      'Dockerfile': LATEST,
    });
    const run = await runCli(['lint', '--format', 'json', 'app/Dockerfile', 'Dockerfile'], { cwd: dir });
    const severities = parseJson(run)
      .filter((f) => f.rule === 'no-latest-tag')
      .map((f) => [f.file, f.severity]);
    expect(severities).toEqual([
      ['app/Dockerfile', 'warning'],
      ['Dockerfile', 'info'],
    ]);
  });

  it('refuses a config that is not JSON', async () => {
    const dir = tempProject({ Dockerfile: LATEST, '.shipshape.json': '{ "rules": { "no-latest-tag": "off", } }' });
    expectOneLineError(await runCli(['lint', 'Dockerfile'], { cwd: dir }), /invalid config \.shipshape\.json: not valid JSON/);
  });

  it('refuses an unknown rule id and suggests the closest one', async () => {
    const dir = tempProject({ Dockerfile: LATEST, 'app/Dockerfile': LATEST, 'app/.shipshape.json': JSON.stringify({ rules: { 'no-latst-tag': 'off' } }) });
    expectOneLineError(await runCli(['lint', 'app/Dockerfile'], { cwd: dir }), /invalid config app\/\.shipshape\.json: unknown rule "no-latst-tag"; did you mean "no-latest-tag"\?/);
  });

  it('refuses an unknown severity, an unknown setting and a missing --config file', async () => {
    const dir = tempProject({
      Dockerfile: LATEST,
      'severity.json': JSON.stringify({ rules: { 'no-latest-tag': 'warn' } }),
      'setting.json': JSON.stringify({ rule: { 'no-latest-tag': 'off' } }),
      'registries.json': JSON.stringify({ trustedRegistries: ['https://registry.example.com/mirror'] }),
    });
    expectOneLineError(await runCli(['lint', '-c', 'severity.json', 'Dockerfile'], { cwd: dir }), /rules\["no-latest-tag"\] is "warn"; .*did you mean "warning"\?/);
    expectOneLineError(await runCli(['lint', '-c', 'setting.json', 'Dockerfile'], { cwd: dir }), /unknown setting "rule"; did you mean "rules"\?/);
    expectOneLineError(await runCli(['lint', '-c', 'registries.json', 'Dockerfile'], { cwd: dir }), /trustedRegistries\[0\] .* without a scheme, as in "registry\.example\.com\/mirror"/);
    expectOneLineError(await runCli(['lint', '-c', 'missing.json', 'Dockerfile'], { cwd: dir }), /cannot read config missing\.json: no such file or directory/);
  });

  it.runIf(rulesById.has('trusted-base-image'))('passes trustedRegistries to the rules', async () => {
    const dockerfile = 'FROM registry.example.com/mirror/node:22-bookworm-slim\nCMD ["node", "server.js"]\n';
    const dir = tempProject({ Dockerfile: dockerfile, 'trust.json': JSON.stringify({ trustedRegistries: ['registry.example.com/mirror'] }) });
    const untrusted = parseJson(await runCli(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir }));
    expect(untrusted.some((f) => f.rule === 'trusted-base-image')).toBe(true);
    const trusted = parseJson(await runCli(['lint', '--format', 'json', '-c', 'trust.json', 'Dockerfile'], { cwd: dir }));
    expect(trusted.some((f) => f.rule === 'trusted-base-image')).toBe(false);
  });
});

describe('lint: .dockerignore discovery', { timeout: SPAWN_TIMEOUT }, () => {
  /** The files a SARIF run lists as analysed: each Dockerfile and the .dockerignore read for it. */
  async function analysed(args: string[], cwd: string): Promise<string[]> {
    const run = await runCli(['lint', '--format', 'sarif', ...args], { cwd });
    expect(run.stderr).toBe('');
    const log = JSON.parse(run.stdout) as { runs: { artifacts?: { location: { uri: string } }[] }[] };
    return (log.runs[0].artifacts ?? []).map((a) => a.location.uri);
  }

  it('reads .dockerignore from the Dockerfile folder, the default context', async () => {
    const dir = tempProject({ Dockerfile: LATEST, '.dockerignore': '.git\n' });
    expect(await analysed(['Dockerfile'], dir)).toEqual(['Dockerfile', '.dockerignore']);
  });

  it('prefers <Dockerfile>.dockerignore beside the Dockerfile, as BuildKit does', async () => {
    const dir = tempProject({ 'app/build.Dockerfile': LATEST, 'app/build.Dockerfile.dockerignore': 'node_modules\n', 'app/.dockerignore': '.git\n' });
    expect(await analysed(['app/build.Dockerfile'], dir)).toEqual(['app/build.Dockerfile', 'app/build.Dockerfile.dockerignore']);
  });

  it('reads .dockerignore at the root of --context', async () => {
    const dir = tempProject({ 'docker/Dockerfile': LATEST, '.dockerignore': '.git\n' });
    expect(await analysed(['docker/Dockerfile'], dir)).toEqual(['docker/Dockerfile']);
    expect(await analysed(['--context', '.', 'docker/Dockerfile'], dir)).toEqual(['docker/Dockerfile', '.dockerignore']);
  });

  it('reads the .dockerignore of --context for standard input, and none without a context', async () => {
    const dir = tempProject({ '.dockerignore': '.git\n' });
    const withContext = await runCli(['lint', '--format', 'sarif', '--context', '.', '-'], { cwd: dir, input: LATEST });
    const uris = (JSON.parse(withContext.stdout) as { runs: { artifacts?: { location: { uri: string } }[] }[] }).runs[0].artifacts?.map((a) => a.location.uri);
    expect(uris).toEqual(['.dockerignore']);
    const alone = await runCli(['lint', '--format', 'sarif', '-'], { cwd: dir, input: LATEST });
    expect((JSON.parse(alone.stdout) as { runs: { artifacts?: unknown[] }[] }).runs[0].artifacts).toBeUndefined();
  });

  it('refuses a binary .dockerignore, naming it', async () => {
    const dir = tempProject({ Dockerfile: LATEST, '.dockerignore': new Uint8Array([0x2e, 0x67, 0x00]) });
    expectOneLineError(await runCli(['lint', 'Dockerfile'], { cwd: dir }), /\.dockerignore is not a text file/);
  });
});

describe('lint: colour', { timeout: SPAWN_TIMEOUT }, () => {
  it('is off when stdout is not a terminal, on with FORCE_COLOR, off with NO_COLOR or FORCE_COLOR=0', async () => {
    const dir = tempProject({ Dockerfile: LATEST });
    expect((await runCli(['lint', 'Dockerfile'], { cwd: dir })).stdout).not.toMatch(ANSI);
    const forced = await runCli(['lint', 'Dockerfile'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(ANSI);
    // the same lines once the colour is taken out
    expect(forced.stdout.replace(/\u001b\[\d+(;\d+)*m/g, '')).toBe((await runCli(['lint', 'Dockerfile'], { cwd: dir })).stdout);
    expect((await runCli(['lint', 'Dockerfile'], { cwd: dir, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await runCli(['lint', 'Dockerfile'], { cwd: dir, env: { FORCE_COLOR: '0' } })).stdout).not.toMatch(ANSI);
  });

  const hasScript = (() => {
    try {
      execFileSync('script', ['-qec', 'true', '/dev/null'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  // `script` gives the CLI a real terminal, where colour is on unless NO_COLOR is set
  it.runIf(hasScript)('is on in a terminal and off there with NO_COLOR', () => {
    const dir = tempProject({ Dockerfile: LATEST });
    const command = `'${process.execPath}' '${CLI}' lint Dockerfile`;
    const inTerminal = (env: Record<string, string>) => {
      try {
        return execFileSync('script', ['-qec', command, '/dev/null'], { cwd: dir, env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env }, encoding: 'utf8' });
      } catch (err) {
        // exit code 1 (findings) makes execFileSync throw; the output is what matters
        return String((err as { stdout?: unknown }).stdout ?? '');
      }
    };
    expect(inTerminal({})).toMatch(ANSI);
    expect(inTerminal({ NO_COLOR: '1' })).not.toMatch(ANSI);
  });
});
