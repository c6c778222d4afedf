/**
 * An exercise whose project starts without a .dockerignore: the folder has a solution.dockerignore and
 * no starter.dockerignore, the tab opens empty, and while it is blank the build has no .dockerignore.
 */
import { describe, expect, it } from 'vitest';
import { learnerDockerignore } from '../../src/engine/exercise-input.ts';
import { grade, inputOf } from '../../src/engine/exercise.ts';
import { buildExercise } from '../../src/exercises/load.ts';

const json = {
  title: 'Write the .dockerignore',
  prompt: 'This project has no `.dockerignore`; write one.',
  context: [
    { path: 'server.js', size: 1200 },
    { path: 'node_modules/express/index.js', size: 90_000 },
    { path: '.git/HEAD', size: 23 },
  ],
  checks: [
    { kind: 'rule', label: 'The project has a `.dockerignore`', rule: 'dockerignore-present' },
    { kind: 'rule', label: '`.git` and `node_modules` stay out', rule: 'dockerignore-excludes' },
  ],
  hints: ['one hint', 'two hints'],
};
const files = (extra: Record<string, string>) => ({
  'exercise.json': JSON.stringify(json),
  'starter.Dockerfile': 'FROM node:24-bookworm-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
  'solution.Dockerfile': 'FROM node:24-bookworm-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
  ...extra,
});

describe('learnerDockerignore', () => {
  it('passes the tab through, and treats a blank tab as no file only when the project starts without one', () => {
    expect(learnerDockerignore(undefined)).toEqual({});
    expect(learnerDockerignore('')).toEqual({ dockerignore: '' });
    expect(learnerDockerignore('', true)).toEqual({});
    expect(learnerDockerignore(' \n\n', true)).toEqual({});
    expect(learnerDockerignore('.git\n', true)).toEqual({ dockerignore: '.git\n' });
    expect(learnerDockerignore('# nothing yet\n', true)).toEqual({ dockerignore: '# nothing yet\n' });
  });
});

describe('an exercise that starts without a .dockerignore', () => {
  const absent = buildExercise('11-x', '01-y', files({ 'solution.dockerignore': '.git\nnode_modules\n' }));
  const present = buildExercise('11-x', '01-y', files({ 'starter.dockerignore': '', 'solution.dockerignore': '.git\nnode_modules\n' }));

  it('is read from a folder with a solution.dockerignore and no starter.dockerignore', () => {
    expect(absent.files.dockerignore).toEqual({ starter: '', solution: '.git\nnode_modules\n', absentAtStart: true });
    expect(present.files.dockerignore).toEqual({ starter: '', solution: '.git\nnode_modules\n' });
    expect(() => buildExercise('11-x', '01-y', files({ 'starter.dockerignore': '' }))).toThrow(/missing solution\.dockerignore/);
  });

  it('has no .dockerignore in its starter input, and the solution’s', () => {
    expect(inputOf(absent, 'starter')).not.toHaveProperty('dockerignore');
    expect(inputOf(absent, 'solution').dockerignore).toBe('.git\nnode_modules\n');
    expect(inputOf(present, 'starter').dockerignore).toBe('');
  });

  it('fails "the .dockerignore keeps things out" while there is no .dockerignore, though that rule is silent then', () => {
    const start = grade(absent, inputOf(absent, 'starter'));
    expect(start.findings.map((f) => f.rule)).toContain('dockerignore-present');
    expect(start.findings.map((f) => f.rule)).not.toContain('dockerignore-excludes');
    expect(start.checks.map((c) => c.passed)).toEqual([false, false]);
    expect(start.checks[1].detail).toMatch(/no \.dockerignore yet/);
    // an empty file exists: now the content rule speaks for itself
    const empty = grade(present, inputOf(present, 'starter'));
    expect(empty.checks[0].passed).toBe(true);
    expect(empty.checks[1].findings.length).toBeGreaterThan(0);
    expect(grade(absent, inputOf(absent, 'solution')).complete).toBe(true);
  });
});
