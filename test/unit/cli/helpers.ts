/**
 * Runs the real `shipshape` CLI as a child process (`process.execPath` + the .ts entry point, as a
 * user's Node >= 22.18 runs it), in temporary folders the tests create and remove.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { RuleMeta } from '../../../src/engine/index.ts';

/** Spawned runs share two CPUs with whatever else runs: give each test room. */
export const SPAWN_TIMEOUT = 60_000;

export const CLI = fileURLToPath(new URL('../../../src/cli/shipshape.ts', import.meta.url));
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Bytes for standard input; without it stdin is closed empty. */
  input?: string | Uint8Array;
  /** Extra environment; colour variables are never inherited from the test runner. */
  env?: Record<string, string>;
}

export function runCli(args: readonly string[], options: RunOptions): Promise<CliRun> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...(process.env.HOME ? { HOME: process.env.HOME } : {}), ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    // the CLI may refuse input before reading all of it (size limit): that is not a test failure
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder holding `files` (paths relative to it, folders created as needed). */
export function tempProject(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
  created.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** The shape of one finding in `--format json`. */
export interface JsonFinding {
  file: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  lesson: string | null;
  related: { hadolint?: string[]; buildkit?: string[] };
  fixable: boolean;
}

export function parseJson(run: CliRun): JsonFinding[] {
  try {
    return JSON.parse(run.stdout) as JsonFinding[];
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/** Filler of exactly `size` bytes; valid JSON for .json files, whose text the CLI reads. */
function filler(path: string, size: number): string {
  if (path.endsWith('.json') && size >= 9) return `{"x":"${'x'.repeat(size - 9)}"}\n`;
  return 'x'.repeat(size);
}

/**
 * The project a rule's documentation example describes, as files to write: the Dockerfile, the
 * example's .dockerignore, and its build context (files without content get filler of their size).
 */
export function exampleProject(meta: RuleMeta, which: 'incorrect' | 'correct'): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of meta.examples.context ?? []) files[file.path] = file.content ?? filler(file.path, file.size);
  const ignore = meta.examples.dockerignore?.[which];
  if (ignore !== undefined) files['.dockerignore'] = ignore;
  files.Dockerfile = meta.examples[which];
  return files;
}
