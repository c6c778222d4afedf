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
