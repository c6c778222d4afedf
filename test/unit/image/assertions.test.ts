import { describe, expect, it } from 'vitest';
import { assertionInfo, type AssertionParams } from '../../../src/engine/assertions.ts';
import { grade, type Exercise } from '../../../src/engine/exercise.ts';
import { buildModel } from '../../../src/engine/model.ts';
import type { ContextFile, LintInput } from '../../../src/engine/types.ts';

const CONTEXT: ContextFile[] = [
  { path: 'app.py', size: 4_000 },
  { path: 'requirements.txt', size: 20, content: 'flask\n' },
];

function run(name: string, dockerfile: string, params: AssertionParams = {}, context: ContextFile[] = CONTEXT) {
  const input: LintInput = { dockerfile, context };
  return assertionInfo[name].run(buildModel(dockerfile), params, input, []);
}

const NEW_ASSERTIONS = ['image-size-at-most', 'source-change-keeps-deps-cached', 'final-user-nonroot-numeric', 'user-exists', 'healthcheck-configured'];

describe('image assertions', () => {
  it('are registered with a description and parameters', () => {
    for (const name of NEW_ASSERTIONS) {
      expect(assertionInfo[name], name).toBeDefined();
      expect(assertionInfo[name].description.length).toBeGreaterThan(20);
      expect(typeof assertionInfo[name].params).toBe('object');
    }
  });

  describe('image-size-at-most', () => {
    const slim = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n';
    it('passes when the estimate fits', () => expect(run('image-size-at-most', slim, { mb: 100 })).toEqual({ passed: true }));
    it('fails with the estimate when it does not', () => {
      const r = run('image-size-at-most', slim.replace('3.12-slim', '3.12'), { mb: 100 });
      expect(r.passed).toBe(false);
      expect(r.detail).toMatch(/about 39\d(\.\d)? MB \(base 390 MB\)/);
    });
    it('fails when the base image is unknown', () => {
      const r = run('image-size-at-most', 'FROM mycorp/python:3\n', { mb: 100 });
      expect(r.passed).toBe(false);
      expect(r.detail).toMatch(/does not know the size/);
    });
    it('fails when a layer has an unknown size', () => {
      const r = run('image-size-at-most', 'FROM alpine:3.20\nADD https://example.com/big.tar /opt/\n', { mb: 100 });
      expect(r.passed).toBe(false);
      expect(r.detail).toMatch(/unknown size/);
    });
  });

  describe('source-change-keeps-deps-cached', () => {
    const params = { changed: ['app.py'], step: 'pip install' };
    it('fails when COPY . . comes before the install, naming the culprit', () => {
      const r = run('source-change-keeps-deps-cached', 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n', params);
      expect(r.passed).toBe(false);
      expect(r.detail).toMatch(/`COPY \. \.` on line 3/);
    });
    it('passes when only the manifest is copied before the install', () => {
      const r = run('source-change-keeps-deps-cached', 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n', params);
      expect(r).toEqual({ passed: true });
    });
    it('fails when there is no such step', () => {
      const r = run('source-change-keeps-deps-cached', 'FROM python:3.12-slim\nCOPY . .\n', params);
      expect(r.passed).toBe(false);
      expect(r.detail).toMatch(/No step runs `pip install`/);
    });
    it('rejects a missing file list', () => {
      expect(() => run('source-change-keeps-deps-cached', 'FROM python:3.12-slim\n', { step: 'pip install' })).toThrow(/changed/);
    });
  });

  describe('final-user-nonroot-numeric', () => {
    it('passes for a numeric UID', () => expect(run('final-user-nonroot-numeric', 'FROM python:3.12-slim\nUSER 10001:10001\n')).toEqual({ passed: true }));
    it('passes for a base that runs as a numeric non-root UID', () => expect(run('final-user-nonroot-numeric', 'FROM nginxinc/nginx-unprivileged:1.28\n')).toEqual({ passed: true }));
    it('fails for a name, and suggests its number', () => {
      const r = run('final-user-nonroot-numeric', 'FROM python:3.12-slim\nRUN useradd -u 10001 app\nUSER app\n');
      expect(r.passed).toBe(false);
      expect(r.detail).toMatch(/`USER 10001`/);
    });
    it('fails without USER', () => {
      const r = run('final-user-nonroot-numeric', 'FROM python:3.12-slim\n');
      expect(r.passed).toBe(false);
      expect(r.detail).toMatch(/runs as root/);
    });
    it('fails for USER 0', () => expect(run('final-user-nonroot-numeric', 'FROM python:3.12-slim\nUSER 0\n').passed).toBe(false));
    it('applies the minimum', () => {
      expect(run('final-user-nonroot-numeric', 'FROM nginxinc/nginx-unprivileged:1.28\n', { min: 10000 }).passed).toBe(false);
      expect(run('final-user-nonroot-numeric', 'FROM python:3.12-slim\nUSER 10001\n', { min: 10000 }).passed).toBe(true);
    });
    it('fails when the user comes from an unknown base', () => expect(run('final-user-nonroot-numeric', 'FROM mycorp/app\n').passed).toBe(false));
  });

  describe('user-exists', () => {
    it('passes for a user the Dockerfile creates', () => expect(run('user-exists', 'FROM python:3.12-slim\nRUN useradd app\nUSER app\n')).toEqual({ passed: true }));
    it('passes for an account of the base image', () => expect(run('user-exists', 'FROM node:22-alpine\nUSER node\n')).toEqual({ passed: true }));
    it('passes for a numeric UID', () => expect(run('user-exists', 'FROM python:3.12-slim\nUSER 10001\n')).toEqual({ passed: true }));
    it('fails for a user nobody creates', () => {
      const r = run('user-exists', 'FROM python:3.12-slim\nUSER appuser\n');
      expect(r.passed).toBe(false);
      expect(r.detail).toMatch(/appuser/);
    });
    it('fails when a created user is only created in another stage', () => {
      expect(run('user-exists', 'FROM python:3.12-slim AS build\nRUN useradd app\nFROM python:3.12-slim\nUSER app\n').passed).toBe(false);
    });
    it('fails when Shipshape cannot tell', () => expect(run('user-exists', 'FROM mycorp/python\nUSER appuser\n').passed).toBe(false));
  });

  describe('healthcheck-configured', () => {
    it('passes with a HEALTHCHECK', () => expect(run('healthcheck-configured', 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n')).toEqual({ passed: true }));
    it('passes with one inherited from an earlier stage', () => {
      expect(run('healthcheck-configured', 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base\n')).toEqual({ passed: true });
    });
    it('fails with HEALTHCHECK NONE', () => expect(run('healthcheck-configured', 'FROM nginx:1.27\nHEALTHCHECK NONE\n').detail).toMatch(/NONE/));
    it('fails without one', () => expect(run('healthcheck-configured', 'FROM nginx:1.27\n').detail).toMatch(/no HEALTHCHECK/));
    it('fails on an unknown base without one', () => expect(run('healthcheck-configured', 'FROM mycorp/web\n').detail).toMatch(/does not know/));
  });

  it('grades through an exercise, with the exercise context', () => {
    const exercise: Pick<Exercise, 'checks' | 'context'> = {
      context: CONTEXT,
      checks: [
        { kind: 'assert', label: 'Dependencies stay cached', assert: 'source-change-keeps-deps-cached', params: { changed: ['app.py'], step: 'pip install' } },
        { kind: 'assert', label: 'Small', assert: 'image-size-at-most', params: { mb: 80 } },
        { kind: 'assert', label: 'Numeric user', assert: 'final-user-nonroot-numeric' },
        { kind: 'assert', label: 'User exists', assert: 'user-exists' },
        { kind: 'assert', label: 'Health', assert: 'healthcheck-configured' },
      ],
    };
    const solution = [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY . .',
      'RUN useradd --uid 10001 app',
      'USER 10001',
      'HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/\')"',
      'CMD ["python", "app.py"]',
      '',
    ].join('\n');
    const good = grade(exercise, { dockerfile: solution });
    expect(good.checks.filter((c) => !c.passed).map((c) => `${c.label}: ${c.detail}`)).toEqual([]);
    const starter = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nUSER app\nCMD python app.py\n';
    const bad = grade(exercise, { dockerfile: starter });
    expect(bad.checks.map((c) => c.passed)).toEqual([false, false, false, false, false]);
  });
});
