import { describe, expect, it } from 'vitest';
import { grade } from '../../src/engine/exercise.ts';
import type { Check } from '../../src/engine/exercise.ts';

const one = (check: Check, dockerfile: string) => grade({ checks: [check] }, { dockerfile }).checks[0];

describe('assertions', () => {
  it('instruction-in-stage matches keyword, text and flags', () => {
    const file = 'FROM node:22-slim\nRUN --mount=type=secret,id=npmrc npm ci\nHEALTHCHECK --interval=10s --timeout=2s CMD ["node", "probe.js"]\n';
    expect(one({ kind: 'assert', label: 'a', assert: 'instruction-in-stage', params: { keyword: 'RUN', flag: 'mount', flagContains: 'type=secret' } }, file).passed).toBe(true);
    expect(one({ kind: 'assert', label: 'a', assert: 'instruction-in-stage', params: { keyword: 'RUN', flag: 'mount', flagContains: 'type=ssh' } }, file)).toMatchObject({ passed: false, detail: expect.stringContaining('--mount') });
    expect(one({ kind: 'assert', label: 'a', assert: 'instruction-in-stage', params: { keyword: 'HEALTHCHECK', flag: 'interval', flagContains: '10s' } }, file).passed).toBe(true);
    expect(one({ kind: 'assert', label: 'a', assert: 'instruction-in-stage', params: { keyword: 'RUN', contains: 'npm ci' } }, file).passed).toBe(true);
    expect(one({ kind: 'assert', label: 'a', assert: 'instruction-in-stage', params: { keyword: 'USER' } }, file).passed).toBe(false);
  });

  it('instruction-in-stage compares flag values whole, not as substrings', () => {
    const file =
      'FROM python:3.13-slim AS build\nRUN --mount=id=npmrc,type=secret,target=/root/.npmrc pip install -r requirements.txt\nFROM scratch\nCOPY --from=build --chown=10001:0 /out /out\n' +
      'HEALTHCHECK --interval=13s --timeout=1m30s --retries=13 CMD ["/app", "healthcheck"]\n';
    const flag = (keyword: string, name: string, value: string, stage?: string) =>
      one({ kind: 'assert', label: 'a', assert: 'instruction-in-stage', params: { keyword, flag: name, flagContains: value, ...(stage ? { stage } : {}) } }, file).passed;
    // the reported gap: `--interval=13s` held `3s`, `--retries=13` held `3`
    expect(flag('HEALTHCHECK', 'interval', '3s')).toBe(false);
    expect(flag('HEALTHCHECK', 'interval', '13s')).toBe(true);
    expect(flag('HEALTHCHECK', 'retries', '3')).toBe(false);
    expect(flag('HEALTHCHECK', 'retries', '13')).toBe(true);
    // durations compare as durations
    expect(flag('HEALTHCHECK', 'timeout', '90s')).toBe(true);
    expect(flag('HEALTHCHECK', 'timeout', '30s')).toBe(false);
    // list-like values: whole items, in any order
    expect(flag('RUN', 'mount', 'type=secret', 'build')).toBe(true);
    expect(flag('RUN', 'mount', 'type=secret,id=npmrc', 'build')).toBe(true);
    expect(flag('RUN', 'mount', 'type=sec', 'build')).toBe(false);
    expect(flag('RUN', 'mount', 'id=npm', 'build')).toBe(false);
    // user:group
    expect(flag('COPY', 'chown', '10001')).toBe(true);
    expect(flag('COPY', 'chown', '10001:0')).toBe(true);
    expect(flag('COPY', 'chown', '1000')).toBe(false);
    const failed = one({ kind: 'assert', label: 'a', assert: 'instruction-in-stage', params: { keyword: 'HEALTHCHECK', flag: 'interval', flagContains: '3s' } }, file);
    expect(failed.detail).toBe('No HEALTHCHECK with `--interval=3s` in that stage yet.');
  });

  it('final-base-image follows FROM <stage> to the root image', () => {
    const file = 'FROM python:3.13-slim AS base\nFROM base\n';
    expect(one({ kind: 'assert', label: 'a', assert: 'final-base-image', params: { image: 'python' } }, file).passed).toBe(true);
    expect(one({ kind: 'assert', label: 'a', assert: 'final-base-image', params: { image: 'library/python' } }, file).passed).toBe(true);
    expect(one({ kind: 'assert', label: 'a', assert: 'final-base-image', params: { image: 'docker.io/library/python' } }, file).passed).toBe(true);
    expect(one({ kind: 'assert', label: 'a', assert: 'final-base-image', params: { image: 'node' } }, file).passed).toBe(false);
  });

  it('final-base-digest wants a full sha256', () => {
    const d = 'a'.repeat(64);
    expect(one({ kind: 'assert', label: 'a', assert: 'final-base-digest' }, `FROM nginx:1.27@sha256:${d}\n`).passed).toBe(true);
    expect(one({ kind: 'assert', label: 'a', assert: 'final-base-digest' }, 'FROM nginx:1.27@sha256:abc\n').passed).toBe(false);
  });

  it('a bad parameter fails the check with a message instead of throwing', () => {
    const r = one({ kind: 'assert', label: 'a', assert: 'stage-count-at-least', params: { count: 'two' } }, 'FROM scratch\n');
    expect(r.passed).toBe(false);
    expect(r.detail).toContain('count');
  });

  it('rule checks fail on an empty file: deleting everything does not pass', () => {
    const r = grade({ checks: [{ kind: 'rule', label: 'tag', rule: 'no-latest-tag' }] }, { dockerfile: '' });
    expect(r.complete).toBe(false);
    expect(r.checks[0].detail).toContain('FROM');
  });
});
