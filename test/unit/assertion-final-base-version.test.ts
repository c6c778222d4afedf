import { describe, expect, it } from 'vitest';
import { assertionInfo } from '../../src/engine/assertions.ts';
import { buildModel } from '../../src/engine/model.ts';

const run = (dockerfile: string, params: Record<string, string>) =>
  assertionInfo['final-base-version-at-least'].run(buildModel(dockerfile), params, { dockerfile }, []);

describe('final-base-version-at-least', () => {
  const want = { image: 'python', version: '3.12.5' };

  it('passes with a newer patch release, whatever the variant suffix', () => {
    const r = run('FROM python:3.12.7-slim\n', want);
    expect(r).toEqual({ passed: true, detail: 'The tag `3.12.7-slim` is version 3.12.7, which is 3.12.5 or newer.' });
    expect(run('FROM python:3.12.5-slim-bookworm\n', want).passed).toBe(true);
    expect(run('FROM python:3.13-slim\n', want).passed).toBe(true);
    expect(run('FROM docker.io/library/python:3.12.10\n', want).passed).toBe(true);
  });

  it('compares numbers, not strings', () => {
    expect(run('FROM python:3.12.10\n', { image: 'python', version: '3.12.9' }).passed).toBe(true);
    expect(run('FROM python:3.9.20\n', { image: 'python', version: '3.12.5' }).passed).toBe(false);
  });

  it('explains an older version and suggests the tag to use', () => {
    expect(run('FROM python:3.12.4-slim\n', want)).toEqual({
      passed: false,
      detail: 'The tag `3.12.4-slim` is version 3.12.4, older than 3.12.5, the first version with the fix: use `python:3.12.5-slim` or newer.',
    });
  });

  it('does not accept a tag that names no patch release', () => {
    const r = run('FROM python:3.12-slim\n', want);
    expect(r.passed).toBe(false);
    expect(r.detail).toBe('The tag `3.12-slim` names 3.12 without the release the fix is in; name 3.12.5 or newer, e.g. `python:3.12.5-slim`.');
  });

  it('follows the final stage to its root base and resolves ARG defaults', () => {
    const text = 'ARG PY=3.12.8\nFROM python:${PY}-slim AS base\nFROM base\nCMD ["python", "app.py"]\n';
    expect(run(text, want).passed).toBe(true);
  });

  it('explains a different image, a missing tag and a tag without a version', () => {
    expect(run('FROM node:22\n', want).detail).toBe('The stage is based on `node:22`; this exercise expects `python` 3.12.5 or newer.');
    expect(run('FROM python\n', want).detail).toBe('`python` names no tag, so Shipshape cannot read its version: use `python:3.12.5` or newer.');
    expect(run('FROM python:slim\n', want).detail).toBe('The tag `slim` starts with no version number; use `3.12.5` or newer, e.g. `python:3.12.5`.');
    expect(run('', want).detail).toBe('There is no such stage yet.');
  });

  it('rejects a malformed version parameter', () => {
    expect(() => run('FROM python:3.12.7\n', { image: 'python', version: '3.12.x' })).toThrow(/dotted numeric version/);
  });
});
