import { describe, expect, it } from 'vitest';
import { diffLines } from '../../../src/editor/diff.ts';
import { scoreOf } from '../../../src/editor/score.ts';
import { decodeState, encodeState } from '../../../src/editor/share.ts';
import type { Finding } from '../../../src/engine/types.ts';

describe('share links', () => {
  it('round-trip the files through the fragment', async () => {
    const state = { dockerfile: 'FROM python:3.13-slim\nRUN echo "ünïcødé ✓"\n'.repeat(50), dockerignore: '.git\n.env\n' };
    const hash = await encodeState(state);
    expect(hash).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(JSON.stringify(state).length / 3);
    expect(await decodeState(`#${hash}`)).toEqual(state);
  });
  it.each(['', '#', '#v2.abc', '#v1.!!!', '#v1.AAAA', '#random'])('reject %j without throwing', async (h) => {
    expect(await decodeState(h)).toBeNull();
  });
});

describe('score', () => {
  const f = (severity: Finding['severity']): Finding => ({ rule: 'r', severity, message: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, file: 'Dockerfile', lesson: '' });
  it('weights severities and never goes below zero', () => {
    expect(scoreOf([])).toBe(100);
    expect(scoreOf([f('error'), f('warning'), f('info')])).toBe(85);
    expect(scoreOf(Array.from({ length: 20 }, () => f('error')))).toBe(0);
  });
});

describe('diffLines', () => {
  it('marks added and removed lines', () => {
    expect(diffLines('FROM python\nCMD x\n', 'FROM python:3.13\nCMD x\n')).toEqual([
      { kind: 'remove', text: 'FROM python' },
      { kind: 'add', text: 'FROM python:3.13' },
      { kind: 'same', text: 'CMD x' },
      { kind: 'same', text: '' },
    ]);
  });
});
