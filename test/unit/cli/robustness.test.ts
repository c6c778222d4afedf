/**
 * The CLI refuses what is not a Dockerfile with exit code 2 and one clear line, whatever the input
 * (binary files, random bytes on standard input, UTF-16, a file one byte over --max-size, a binary
 * file among good ones), and lints hostile-but-valid text within its size limit.
 */
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/cli/input.ts';
import { SPAWN_TIMEOUT, parseJson, runCli, tempProject } from './helpers.ts';

const GOOD = 'FROM alpine:3.20\nUSER 10001\nCMD ["sh"]\n';

function expectRefused(run: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^shipshape: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
}

/** Random bytes from a fixed seed, with no NUL and at least one invalid UTF-8 sequence. */
function randomBytes(size: number): Uint8Array {
  let seed = 42;
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[i] = (seed % 255) + 1;
  }
  out[size >> 1] = 0xc3;
  out[(size >> 1) + 1] = 0x28;
  return out;
}

describe('decodeText', () => {
  it('names UTF-16 for what it is', () => {
    expect(() => decodeText(new Uint8Array([0xff, 0xfe, 0x46, 0x00]), 'Dockerfile')).toThrow('Dockerfile is UTF-16 text; Docker reads UTF-8: save it as UTF-8');
    expect(() => decodeText(new Uint8Array([0xfe, 0xff, 0x00, 0x46]), 'Dockerfile')).toThrow('UTF-16');
  });
});

describe('lint: input that is not a Dockerfile', { timeout: SPAWN_TIMEOUT }, () => {
  it('refuses random bytes on standard input', async () => {
    const dir = tempProject();
    expectRefused(await runCli(['lint', '-'], { cwd: dir, input: randomBytes(4096) }), /standard input is not valid UTF-8 text/);
  });

  it('refuses a UTF-16 file with a message that says what to do', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from(GOOD).flatMap((c) => [c.charCodeAt(0), 0])]);
    const dir = tempProject({ Dockerfile: utf16 });
    expectRefused(await runCli(['lint', 'Dockerfile'], { cwd: dir }), /Dockerfile is UTF-16 text; Docker reads UTF-8: save it as UTF-8/);
  });

  it('refuses a directory holding one binary Dockerfile among good ones, naming it, and prints no partial report', async () => {
    const dir = tempProject({ 'app/Dockerfile': GOOD, 'app/broken.Dockerfile': new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x00, 0xff]), 'app/z.Dockerfile': GOOD });
    expectRefused(await runCli(['lint', '--format', 'json', 'app'], { cwd: dir }), /app\/broken\.Dockerfile is not a text file \(NUL byte at offset 4\)/);
  });

  it('takes a file of exactly --max-size bytes and refuses one byte more', async () => {
    const dir = tempProject({ 'ok/Dockerfile': GOOD, 'over/Dockerfile': `${GOOD}#` });
    const size = String(Buffer.byteLength(GOOD));
    const ok = await runCli(['lint', '--max-size', size, '--format', 'json', 'ok/Dockerfile'], { cwd: dir });
    expect(ok.stderr).toBe('');
    expect([0, 1]).toContain(ok.code);
    expectRefused(await runCli(['lint', '--max-size', size, 'over/Dockerfile'], { cwd: dir }), new RegExp(`over/Dockerfile is ${Number(size) + 1} bytes, over the ${size}-byte limit`));
    expectRefused(await runCli(['lint', '--max-size', size, '-'], { cwd: dir, input: `${GOOD}#` }), new RegExp(`standard input is over the ${size}-byte limit`));
  });

  it('lints hostile text under the limit (long runs, control characters, lone CR) without failing', async () => {
    const hostile = `FROM alpine:3.20\r# shipshape ignore=${' '.repeat(200_000)}!\rRUN echo ${'\\'.repeat(100_000)}x \u0001\u0007\rCOPY ${'/'.repeat(200_000)}x /app/\r`;
    const dir = tempProject({ Dockerfile: hostile });
    const started = Date.now();
    const run = await runCli(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    const findings = parseJson(run);
    expect(findings.some((f) => f.rule === 'engine-error' || f.rule === 'parse-error')).toBe(false);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
