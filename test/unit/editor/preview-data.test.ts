/**
 * The preview the worker sends with a grade: the build context (what is sent, what is excluded by
 * which line, what each COPY/ADD takes) and the image panels' data, plain JSON.
 */
import { describe, expect, it } from 'vitest';
import { buildPreview, contextPreview, imagePanelData } from '../../../src/editor/panels/preview-data.ts';
import { grade } from '../../../src/engine/exercise.ts';
import { previewImage } from '../../../src/engine/image/index.ts';
import { buildExercise } from '../../../src/exercises/load.ts';
import { buildModel } from '../../../src/engine/model.ts';
import type { ContextFile, LintInput } from '../../../src/engine/types.ts';

const CONTEXT: ContextFile[] = [
  { path: 'package.json', size: 449, content: '{"dependencies":{"express":"5.1.0"}}' },
  { path: 'package-lock.json', size: 96_410 },
  { path: 'server.js', size: 2140 },
  { path: 'src/db.js', size: 1320 },
  { path: '.env', size: 212 },
  { path: '.env.example', size: 198, content: 'PORT=3000\n' },
  { path: 'node_modules/express/index.js', size: 224 },
  { path: 'node_modules/pg/lib/index.js', size: 1700 },
  { path: 'deploy/nginx.conf', size: 940 },
  { path: 'deploy/secrets.tfstate', size: 48_200 },
];

const DOCKERFILE = [
  'FROM node:24-bookworm-slim AS build',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci',
  'COPY . .',
  'FROM node:24-bookworm-slim',
  'RUN useradd --create-home --uid 10001 api',
  'WORKDIR /app',
  'COPY deploy/nginx.conf missing.txt ./',
  'COPY --from=build /app ./',
  'USER api',
  'CMD node server.js',
  '',
].join('\n');

const IGNORE = ['node_modules', '.env*', '!.env.example', 'deploy', 'dist', ''].join('\n');

function preview(dockerfile = DOCKERFILE, dockerignore: string | null = IGNORE) {
  const input: LintInput = { dockerfile, context: CONTEXT, ...(dockerignore !== null ? { dockerignore } : {}) };
  const model = buildModel(dockerfile);
  const result = grade({ checks: [], context: CONTEXT }, input, { model });
  return { model, input, result, context: contextPreview(model, input, result.findings)! };
}

describe('contextPreview', () => {
  it('counts what the build receives and what the .dockerignore keeps out', () => {
    const { context } = preview();
    expect(context.hasDockerignore).toBe(true);
    expect(context.totalFiles).toBe(10);
    expect(context.sentFiles).toBe(5);
    expect(context.excludedFiles).toBe(5);
    expect(context.sentSize + context.excludedSize).toBe(context.totalSize);
    expect(context.excludedSize).toBe(224 + 1700 + 212 + 940 + 48_200);
  });

  it('names the line that excluded each file, and the ! line that re-included one', () => {
    const { context } = preview();
    const file = (p: string) => context.files.find((f) => f.path === p)!;
    expect(file('node_modules/pg/lib/index.js')).toMatchObject({ sent: false, pattern: { text: 'node_modules', line: 0, exception: false } });
    expect(file('.env')).toMatchObject({ sent: false, pattern: { text: '.env*', line: 1 } });
    expect(file('.env.example')).toMatchObject({ sent: true, pattern: { text: '!.env.example', line: 2, exception: true } });
    expect(file('deploy/nginx.conf')).toMatchObject({ sent: false, pattern: { text: 'deploy', line: 3 } });
    expect(file('server.js').pattern).toBeUndefined();
  });

  it('says what each line does in this project, including lines that match nothing', () => {
    const { context } = preview();
    expect(context.patterns.map((p) => [p.text, p.files])).toEqual([
      ['node_modules', 2],
      ['.env*', 1],
      ['!.env.example', 1],
      ['deploy', 2],
      ['dist', 0],
    ]);
    expect(context.patterns[0].size).toBe(1924);
  });

  it('marks the files each COPY takes, by line, and flags files that look like credentials', () => {
    const { context } = preview();
    const file = (p: string) => context.files.find((f) => f.path === p)!;
    expect(file('package.json').copiedBy).toEqual([2, 4]);
    expect(file('server.js').copiedBy).toEqual([4]);
    expect(file('.env.example').copiedBy).toEqual([4]);
    expect(file('node_modules/pg/lib/index.js').copiedBy).toEqual([]);
    expect(file('.env').secret).toBe('an environment file');
    expect(file('.env.example').secret).toBeUndefined();
  });

  it('resolves COPY sources, with the rules’ findings on excluded and missing ones', () => {
    const { context } = preview();
    const copy = (line: number) => context.copies.find((c) => c.line === line)!;
    expect(copy(2).sources.map((s) => [s.text, s.status, s.files])).toEqual([
      ['package.json', 'ok', 1],
      ['package-lock.json', 'ok', 1],
    ]);
    expect(copy(4).sources[0]).toMatchObject({ text: '.', status: 'ok', files: 5, directory: true });
    const [nginx, missing] = copy(8).sources;
    expect(nginx).toMatchObject({ status: 'ignored', ignored: [{ path: 'deploy/nginx.conf', pattern: { text: 'deploy', line: 3 } }] });
    expect(nginx.findings.map((f) => f.rule)).toContain('copy-ignored-file');
    expect(missing.status).toBe('missing');
    expect(missing.findings.map((f) => f.rule)).toContain('copy-ignored-file');
    expect(copy(9)).toMatchObject({ from: 'build', stageName: null });
    expect(copy(9).sources[0].status).toBe('unresolved');
  });

  it('shows secret files a COPY takes once the .dockerignore lets them through', () => {
    const { context } = preview(DOCKERFILE, 'node_modules\n');
    const dot = context.copies.find((c) => c.line === 4)!.sources[0];
    expect(dot.secrets.map((s) => s.path)).toEqual(['.env', 'deploy/secrets.tfstate']);
    expect(dot.findings.some((f) => f.rule === 'no-secret-files')).toBe(true);
  });

  it('without a .dockerignore the build receives everything', () => {
    const { context } = preview(DOCKERFILE, null);
    expect(context.hasDockerignore).toBe(false);
    expect(context.excludedFiles).toBe(0);
    expect(context.patterns).toEqual([]);
  });

  it('is undefined when the exercise has no context tree', () => {
    const model = buildModel(DOCKERFILE);
    expect(contextPreview(model, { dockerfile: DOCKERFILE }, [])).toBeUndefined();
  });
});

describe('imagePanelData', () => {
  it('gives the config with lines instead of instruction indices, and the command form', () => {
    const { model, input } = preview();
    const image = imagePanelData(model, input, {})!;
    expect(image.stage).toEqual({ index: 1, name: null, isFinal: true });
    expect(image.config.User).toBe('api');
    expect(image.origin.User).toBe(10);
    expect(image.origin.WorkingDir).toBe(7);
    expect(image.config.Cmd).toEqual(['/bin/sh', '-c', 'node server.js']);
    expect(image.forms.Cmd).toBe('shell');
    // node's image starts docker-entrypoint.sh (exec form), which gets the shell as its arguments
    expect(image.forms.Entrypoint).toBe('exec');
    expect(image.origin.Entrypoint).toBe('base');
    expect(image.command).toEqual(['docker-entrypoint.sh', '/bin/sh', '-c', 'node server.js']);
    expect(image.shellFormCommand).toBe(false);
    expect(image.accounts).toEqual([expect.objectContaining({ name: 'api', uid: 10001, line: 6 })]);
    expect(image.user).toMatchObject({ uid: 10001, root: false });
    expect(image.stageOptions.map((s) => [s.name, s.line, s.isFinal])).toEqual([
      ['build', 0, false],
      [null, 5, true],
    ]);
  });

  it('tells exec form from shell form: a shell-form command makes the shell PID 1', () => {
    const exec = 'FROM python:3.13-slim-bookworm\nCMD ["python", "app.py"]\n';
    const image = imagePanelData(buildModel(exec), { dockerfile: exec }, {})!;
    expect(image.forms).toEqual({ Cmd: 'exec' });
    expect(image.origin.Cmd).toBe(1);
    expect(image.shellFormCommand).toBe(false);
    const shell = 'FROM python:3.13-slim-bookworm\nCMD python app.py\n';
    const wrapped = imagePanelData(buildModel(shell), { dockerfile: shell }, {})!;
    expect(wrapped.forms).toEqual({ Cmd: 'shell' });
    expect(wrapped.command).toEqual(['/bin/sh', '-c', 'python app.py']);
    expect(wrapped.shellFormCommand).toBe(true);
  });

  it('shows what it cannot know as unknown', () => {
    const df = 'FROM registry.example.com/team/base:1\nUSER app\nCOPY . /app\n';
    const image = imagePanelData(buildModel(df), { dockerfile: df }, {})!;
    expect(image.base.known).toBe(false);
    expect(image.unknown.map((u) => u.field)).toContain('Cmd');
    expect(image.user.exists).toBeNull();
    expect(image.totals.baseBytes).toBeNull();
    expect(image.layers.find((l) => l.keyword === 'COPY')?.bytes).toBeNull();
  });

  it('shows a picked stage, and the rebuild with the first rebuilt step as a line', () => {
    const { model, input } = preview();
    const build = imagePanelData(model, input, { stage: 'build', changed: ['server.js'] })!;
    expect(build.stage).toMatchObject({ index: 0, name: 'build', isFinal: false });
    expect(build.rebuild?.stages[0]).toMatchObject({ stage: 0, rebuildFromLine: 4 });
    expect(build.rebuild?.steps.find((s) => s.line === 3)).toMatchObject({ cached: true });
  });

  it('is plain JSON (it crosses postMessage) and much smaller than the full preview', () => {
    const { model, input } = preview();
    const image = imagePanelData(model, input, { changed: ['src/db.js'] })!;
    expect(JSON.parse(JSON.stringify(image))).toEqual(image);
    expect(structuredClone(image)).toEqual(image);
    // the base image's account list and facts stay in the worker
    const full = previewImage(model, input, { changed: ['src/db.js'] })!;
    expect(JSON.stringify(image).length).toBeLessThan(JSON.stringify(full).length * 0.75);
    expect(JSON.stringify(image)).not.toContain("plugdev");
  });
});

describe('buildPreview', () => {
  it('answers what was asked, and falls back to the final stage when the picked one is gone', () => {
    const { model, input, result } = preview();
    const only = buildPreview(model, input, { context: true }, result.findings);
    expect(only.context).toBeDefined();
    expect(only.image).toBeUndefined();
    const gone = buildPreview(model, input, { image: { stage: 'no-such-stage' } }, result.findings);
    expect(gone.image?.stage.isFinal).toBe(true);
    expect(gone.ms).toBeGreaterThanOrEqual(0);
  });

  it('has no image without a model (the Dockerfile could not be read), and reports failures instead of throwing', () => {
    expect(buildPreview(undefined, { dockerfile: '' }, { image: {} }, []).image).toBeNull();
    const broken = { stages: null } as unknown as ReturnType<typeof buildModel>;
    const out = buildPreview(broken, { dockerfile: 'FROM x', context: CONTEXT }, { context: true, image: {} }, []);
    expect(out.error).toBeTypeOf('string');
  });
});

describe('exercise.json preview', () => {
  const files = (json: object) => ({ 'exercise.json': JSON.stringify(json), 'starter.Dockerfile': 'FROM x\n', 'solution.Dockerfile': 'FROM x:1\n' });
  const base = { title: 'Name it', prompt: 'Write a version after the image name.', checks: [{ kind: 'rule', label: 'A version', rule: 'no-untagged-base' }], hints: ['one hint', 'two hints'] };

  it('carries the panel to open first onto the Exercise', () => {
    expect(buildExercise('02-x', '01-y', files({ ...base, preview: 'image' })).preview).toBe('image');
    expect(buildExercise('02-x', '01-y', files(base)).preview).toBeUndefined();
    const withContext = { ...base, preview: 'context', context: [{ path: 'app.py', size: 10 }] };
    expect(buildExercise('02-x', '01-y', files(withContext)).preview).toBe('context');
  });

  it('rejects unknown panels, and context or cache without a context tree', () => {
    expect(() => buildExercise('02-x', '01-y', files({ ...base, preview: 'history' }))).toThrow(/preview/);
    expect(() => buildExercise('02-x', '01-y', files({ ...base, preview: 'cache' }))).toThrow(/need a `context` tree/);
  });
});
