/** Every command the "Use it in CI" page shows runs, for real, with the exit code the page implies. */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CI_COMMANDS, PRE_COMMIT_HOOK, SAMPLE_CONFIG } from '../../../src/cli/ci-examples.ts';

const cli = new URL('../../../src/cli/shipshape.ts', import.meta.url).pathname;
const SAMPLE = 'FROM python:latest\nRUN apt-get update && apt-get install -y curl\nCMD python app.py\n';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-ci-'));
  writeFileSync(join(dir, 'Dockerfile'), SAMPLE);
  writeFileSync(join(dir, '.shipshape.json'), SAMPLE_CONFIG);
  return dir;
}

/** Runs a documented command line with `npx shipshape` bound to this checkout's CLI. */
function run(command: string, cwd: string): { status: number; stdout: string } {
  const script = command.replace(/^npx shipshape/, `"${process.execPath}" "${cli}"`);
  const r = spawnSync('sh', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status ?? -1, stdout: r.stdout };
}

describe('the CI page', () => {
  for (const c of CI_COMMANDS) {
    it(`runs: ${c.command}`, () => {
      const dir = project();
      const r = run(c.command, dir);
      expect(r.status, r.stdout).toBe(c.expectedExit);
      if (c.command.includes('--format json')) expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
      if (c.command.includes('> shipshape.sarif')) expect(JSON.parse(readFileSync(join(dir, 'shipshape.sarif'), 'utf8')).version).toBe('2.1.0');
      if (c.command.includes('--fix')) expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).not.toBe(SAMPLE);
    });
  }

  it('the pre-commit hook blocks a commit with findings and allows a clean one', () => {
    const dir = project();
    execFileSync('git', ['init', '-q'], { cwd: dir });
    // the hook as shown, with `npx shipshape` bound to this checkout's CLI
    const hook = PRE_COMMIT_HOOK.replace('exec npx shipshape', `exec "${process.execPath}" "${cli}"`);
    writeFileSync(join(dir, '.git/hooks/pre-commit'), hook);
    chmodSync(join(dir, '.git/hooks/pre-commit'), 0o755);
    execFileSync('git', ['add', 'Dockerfile'], { cwd: dir });
    const env = { ...process.env, NO_COLOR: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
    const blocked = spawnSync('git', ['commit', '-qm', 'bad'], { cwd: dir, env, encoding: 'utf8' });
    expect(blocked.status).not.toBe(0);
    writeFileSync(join(dir, 'README.md'), 'not a Dockerfile\n');
    execFileSync('git', ['reset', '-q'], { cwd: dir });
    execFileSync('git', ['add', 'README.md'], { cwd: dir });
    const allowed = spawnSync('git', ['commit', '-qm', 'docs'], { cwd: dir, env, encoding: 'utf8' });
    expect(allowed.status, allowed.stderr).toBe(0);
  });
});
