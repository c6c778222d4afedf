import { describe, expect, it } from 'vitest';
import { analyzeBuild, computeBuildContext, copyInstructions, countOf, describeBuildContext, formatBytes, resolveCopies } from '../../src/engine/context.ts';
import { buildModel } from '../../src/engine/model.ts';
import type { ContextFile } from '../../src/engine/types.ts';

const files = (...paths: string[]): ContextFile[] => paths.map((path, i) => ({ path, size: 10 * (i + 1) }));

const project = files(
  'Dockerfile',
  'package.json',
  'package-lock.json',
  'server.js',
  'src/index.js',
  'src/lib/util.js',
  'src/lib/util.test.js',
  'public/index.html',
  'node_modules/express/index.js',
  '.git/HEAD',
  'docs/README.md',
  'logs/app.log',
);

describe('computeBuildContext', () => {
  it('splits the files into sent and excluded, with the deciding line and the sizes', () => {
    const ctx = computeBuildContext(project, '# vcs\n.git\nnode_modules\n**/*.log\n*.md\n');
    expect(ctx.included.map((f) => f.path)).toEqual([
      'Dockerfile',
      'package.json',
      'package-lock.json',
      'server.js',
      'src/index.js',
      'src/lib/util.js',
      'src/lib/util.test.js',
      'public/index.html',
      'docs/README.md',
    ]);
    expect(ctx.excluded.map((e) => [e.path, e.pattern?.text, e.pattern ? e.pattern.line + 1 : null])).toEqual([
      ['node_modules/express/index.js', 'node_modules', 3],
      ['.git/HEAD', '.git', 2],
      ['logs/app.log', '**/*.log', 4],
    ]);
    expect(ctx.excludedSize).toBe(90 + 100 + 120);
    expect(ctx.includedSize + ctx.excludedSize).toBe(project.reduce((n, f) => n + f.size, 0));
  });

  it('sends everything without a .dockerignore', () => {
    const ctx = computeBuildContext(project);
    expect(ctx.included.length).toBe(project.length);
    expect(ctx.excluded).toEqual([]);
    expect(ctx.matcher).toBeUndefined();
  });

  it('normalises paths, keeps the last of duplicates, and drops paths outside the root', () => {
    const ctx = computeBuildContext([
      { path: './a.txt', size: 1 },
      { path: 'b//c.txt', size: 2 },
      { path: 'a.txt', size: 3 },
      { path: '../outside.txt', size: 4 },
      { path: 'empty-dir/', size: 0 },
    ]);
    expect(ctx.files.map((f) => [f.path, f.size])).toEqual([
      ['a.txt', 3],
      ['b/c.txt', 2],
    ]);
    expect(ctx.lookup('empty-dir')).toEqual({ path: 'empty-dir', type: 'dir', sent: true });
  });

  it('looks paths up: files, directories, missing, excluded', () => {
    const ctx = computeBuildContext(project, 'src/lib\n!src/lib/util.js\ndocs\n');
    expect(ctx.lookup('server.js')).toEqual({ path: 'server.js', type: 'file', sent: true });
    expect(ctx.lookup('./src/')).toEqual({ path: 'src', type: 'dir', sent: true });
    expect(ctx.lookup('nope.txt')).toEqual({ path: 'nope.txt', type: 'missing', sent: false });
    expect(ctx.lookup('docs')).toMatchObject({ type: 'dir', sent: false, pattern: { text: 'docs' } });
    // an excluded directory with a re-included file is still created
    expect(ctx.lookup('src/lib')).toMatchObject({ type: 'dir', sent: true, pattern: { text: 'src/lib' } });
    expect(ctx.lookup('src/lib/util.test.js')).toMatchObject({ type: 'file', sent: false });
    expect(ctx.lookup('src/lib/util.js')).toMatchObject({ type: 'file', sent: true, pattern: { text: '!src/lib/util.js' } });
    expect(ctx.lookup('.')).toEqual({ path: '', type: 'dir', sent: true });
  });

  it('lists what is under a directory', () => {
    const ctx = computeBuildContext(files('a/x', 'a/y/z', 'a-b/c', 'ab', 'a.txt'));
    expect(ctx.entriesUnder('a')).toEqual(['a/x', 'a/y', 'a/y/z']);
    expect(ctx.filesUnder('a').map((f) => f.path)).toEqual(['a/x', 'a/y/z']);
    expect(ctx.filesUnder('').length).toBe(5);
  });

  it('handles thousands of files quickly', () => {
    const many: ContextFile[] = [];
    for (let i = 0; i < 8000; i++) many.push({ path: `packages/p${i % 40}/${i % 3 ? 'src' : 'node_modules/dep'}/f${i}.js`, size: 1000 });
    const start = performance.now();
    const ctx = computeBuildContext(many, '**/node_modules\n*.md\n');
    const model = buildModel('FROM node:22\nCOPY packages/p1 /a\nCOPY packages/*/src /b\nCOPY . /c\n');
    const copies = resolveCopies(model, ctx);
    expect(ctx.excluded.length).toBe(Math.ceil(8000 / 3));
    expect(copies[1].resolved[0].matches.length).toBe(40);
    expect(copies[2].resolved[0].files.length).toBe(ctx.included.length);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('copyInstructions', () => {
  it('reads sources and destination in shell form, with flags', () => {
    const model = buildModel('FROM node:22\nCOPY --chown=node:node --exclude=*.md package*.json ./\n');
    const [copy] = copyInstructions(model);
    expect(copy.keyword).toBe('COPY');
    expect(copy.from).toBeNull();
    expect(copy.excludes).toEqual(['*.md']);
    expect(copy.sources.map((s) => [s.text, s.kind, s.path, s.range.start.character, s.range.end.character])).toEqual([['package*.json', 'glob', 'package*.json', 38, 51]]);
    expect(copy.destination?.text).toBe('./');
  });

  it('reads the JSON form, pointing inside the quotes', () => {
    const model = buildModel('FROM alpine\nADD --chmod=644 ["my file.txt", "b", "/dest/"]\n');
    const [copy] = copyInstructions(model);
    expect(copy.sources.map((s) => [s.text, s.range.start.character, s.range.end.character])).toEqual([
      ['my file.txt', 18, 29],
      ['b', 33, 34],
    ]);
    expect(copy.destination?.text).toBe('/dest/');
  });

  it('reads nothing from a malformed COPY', () => {
    const [copy] = copyInstructions(buildModel('FROM alpine\nCOPY lonely.txt\n'));
    expect(copy.sources).toEqual([]);
    expect(copy.destination).toBeUndefined();
  });

  it('classifies sources', () => {
    const model = buildModel(
      'FROM alpine AS base\nADD https://example.com/a.tgz git@github.com:o/r.git /x/\nCOPY <<EOF /etc/motd\nhi\nEOF\nCOPY $DIR ${OTHER}/a ./\nCOPY ../up/./x /\nCOPY --from=base /a /b\nCOPY --parents a/./b /c/\n',
    );
    const copies = copyInstructions(model);
    expect(copies.map((c) => c.sources.map((s) => `${s.kind}:${s.path}`))).toEqual([
      ['url:', 'url:'],
      ['heredoc:'],
      ['variable:', 'variable:'],
      ['path:up/x'],
      ['path:a'],
      ['path:a/b'],
    ]);
    expect(copies[1].destination?.text).toBe('/etc/motd');
    expect(copies[4].from).toBe('base');
    expect(copies[5].parents).toBe(true);
  });

  it('expands variables from the ARG defaults and ENV values in scope, as BuildKit does', () => {
    const model = buildModel(
      [
        'ARG ROOT=srv',
        'ARG UNUSED=x',
        'FROM alpine AS base',
        'ENV CONF=etc/app',
        'FROM base',
        'ARG ROOT',
        'ARG APP_DIR=app',
        'ARG NODEFAULT',
        'ENV SRC=lib',
        'COPY ${APP_DIR}/ $SRC ${ROOT}/index.html $CONF/*.yml ./',
        'COPY ["${APP_DIR}/main.py", "/app/"]',
        'COPY $NODEFAULT ${UNUSED} ${MISSING:-fallback}/a ./',
        'ADD https://example.com/${APP_DIR}.tgz /tmp/',
        '',
      ].join('\n'),
    );
    const [shell, json, unknown, url] = copyInstructions(model);
    // the text stays as written (ranges and messages point at it); kind and path follow the expansion
    expect(shell.sources.map((s) => [s.text, s.expanded, s.kind, s.path])).toEqual([
      ['${APP_DIR}/', 'app/', 'path', 'app'],
      ['$SRC', 'lib', 'path', 'lib'],
      ['${ROOT}/index.html', 'srv/index.html', 'path', 'srv/index.html'],
      ['$CONF/*.yml', 'etc/app/*.yml', 'glob', 'etc/app/*.yml'],
    ]);
    expect(json.sources.map((s) => [s.kind, s.path])).toEqual([['path', 'app/main.py']]);
    // an ARG without a default, a global ARG the stage does not redeclare: unknown, as before
    expect(unknown.sources.map((s) => [s.text, s.expanded, s.kind, s.path])).toEqual([
      ['$NODEFAULT', '$NODEFAULT', 'variable', ''],
      ['${UNUSED}', '${UNUSED}', 'variable', ''],
      ['${MISSING:-fallback}/a', 'fallback/a', 'path', 'fallback/a'],
    ]);
    expect(url.sources.map((s) => [s.kind, s.expanded])).toEqual([['url', 'https://example.com/app.tgz']]);
  });

  it('uses the values in effect at the COPY, not later ones', () => {
    const model = buildModel('FROM alpine\nENV DIR=first\nCOPY $DIR /a/\nENV DIR=second\nCOPY $DIR /b/\n');
    expect(copyInstructions(model).map((c) => c.sources[0].path)).toEqual(['first', 'second']);
  });

});

describe('resolveCopies', () => {
  const resolve = (dockerfile: string, dockerignore?: string, ctxFiles: ContextFile[] = project) =>
    resolveCopies(buildModel(dockerfile), computeBuildContext(ctxFiles, dockerignore)).flatMap((c) => c.resolved);

  it('a file, a directory and the root', () => {
    const [file, dir, root] = resolve('FROM node:22\nCOPY package.json /a/\nCOPY src /b\nCOPY . /c\n', 'node_modules\n.git\n');
    expect(file).toMatchObject({ status: 'ok', directory: false, matches: ['package.json'] });
    expect(file.files.map((f) => f.path)).toEqual(['package.json']);
    expect(dir).toMatchObject({ status: 'ok', directory: true });
    expect(dir.files.map((f) => f.path)).toEqual(['src/index.js', 'src/lib/util.js', 'src/lib/util.test.js']);
    expect(root.files.length).toBe(project.length - 2);
  });

  it('wildcards: one path element per *, a matched directory taken whole', () => {
    const [top, nested, any, segment] = resolve('FROM node:22\nCOPY *.js /a/\nCOPY src/*.js /b/\nCOPY s* /c/\nCOPY */lib /d/\n');
    expect(top.matches).toEqual(['server.js']);
    expect(nested.matches).toEqual(['src/index.js']);
    expect(any.matches).toEqual(['server.js', 'src']);
    expect(any.files.map((f) => f.path)).toEqual(['server.js', 'src/index.js', 'src/lib/util.js', 'src/lib/util.test.js']);
    expect(segment.matches).toEqual(['src/lib']);
  });

  it('statuses: ignored, missing, no-match, unresolved', () => {
    const statuses = resolve(
      'FROM node:22 AS b\nCOPY docs/README.md missing.txt *.whl /x/\nCOPY logs /l\nCOPY --from=b /x /y\nADD https://example.com/f /f\n',
      // `*.md` alone would match only the top level
      '**/*.md\n**/*.log\n',
    ).map((s) => [s.text, s.status]);
    expect(statuses).toEqual([
      ['docs/README.md', 'ignored'],
      ['missing.txt', 'missing'],
      ['*.whl', 'no-match'],
      ['logs', 'ignored'],
      ['/x', 'unresolved'],
      ['https://example.com/f', 'unresolved'],
    ]);
  });

  it('names the excluded paths with their lines', () => {
    const [src] = resolve('FROM node:22\nCOPY *.md docs/*.md /x/\n', 'docs\n');
    expect(src.status).toBe('no-match');
    const [, docs] = resolve('FROM node:22\nCOPY *.md docs/*.md /x/\n', 'docs\n');
    expect(docs.status).toBe('ignored');
    expect(docs.ignored.map((i) => [i.path, i.pattern?.text])).toEqual([['docs/README.md', 'docs']]);
  });

  it('applies --exclude relative to the copied directory', () => {
    const [src, root] = resolve('FROM node:22\nCOPY --exclude=*.test.js --exclude=lib/*.test.js src /app\nCOPY --exclude=src . /all\n');
    expect(src.files.map((f) => f.path)).toEqual(['src/index.js', 'src/lib/util.js']);
    expect(root.files.some((f) => f.path.startsWith('src/'))).toBe(false);
    expect(root.files.some((f) => f.path === 'server.js')).toBe(true);
  });

  it('resolves a source written with a variable against the context', () => {
    const [dir, missing] = resolve('FROM node:22\nARG SRC=src\nCOPY ${SRC}/ /app/\nENV LIB=nolib\nCOPY $LIB /lib/\n');
    expect(dir).toMatchObject({ status: 'ok', directory: true, matches: ['src'] });
    expect(missing.status).toBe('missing');
  });

  it('leaves --parents with ** unresolved', () => {
    const [src] = resolve('FROM node:22\nCOPY --parents src/**/*.js /app/\n');
    expect(src.status).toBe('unresolved');
  });
});

describe('analyzeBuild and describeBuildContext', () => {
  const dockerfile = 'FROM node:22 AS build\nCOPY package.json ./\nCOPY src ./src\nFROM nginx:1.27\nCOPY --from=build /app /usr/share/nginx/html\nCOPY public /usr/share/nginx/html\n';

  it('is undefined when the context is unknown', () => {
    const model = buildModel(dockerfile);
    expect(analyzeBuild(model, { dockerfile })).toBeUndefined();
    expect(describeBuildContext({ dockerfile }, model)).toBeUndefined();
  });

  it('is computed once per model and input, and again when the .dockerignore changes', () => {
    const model = buildModel(dockerfile);
    const input = { dockerfile, context: project, dockerignore: '.git\n' };
    const first = analyzeBuild(model, input);
    expect(analyzeBuild(model, { ...input })).toBe(first);
    const changed = analyzeBuild(model, { ...input, dockerignore: '.git\nsrc\n' });
    expect(changed).not.toBe(first);
    expect(changed?.byInstruction.get(model.stages[0].instructions[1].index)?.resolved[0].status).toBe('ignored');
  });

  it('describes the context as plain data', () => {
    const input = { dockerfile, context: project, dockerignore: '.git\nnode_modules\n[\n' };
    const report = describeBuildContext(input, buildModel(dockerfile));
    expect(report).toBeDefined();
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report?.totalFiles).toBe(project.length);
    expect(report?.excluded).toEqual([
      { path: 'node_modules/express/index.js', size: 90, pattern: { text: 'node_modules', line: 1 } },
      { path: '.git/HEAD', size: 100, pattern: { text: '.git', line: 0 } },
    ]);
    expect(report?.problems.map((p) => p.line)).toEqual([2]);
    // COPY --from does not read the context
    expect(report?.copies.map((c) => [c.stage, c.sources.map((s) => [s.text, s.status, s.files])])).toEqual([
      [0, [['package.json', 'ok', 1]]],
      [0, [['src', 'ok', 3]]],
      [1, [['public', 'ok', 1]]],
    ]);
  });
});

describe('formatting', () => {
  it('sizes and counts', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(93 * 1024 + 300)).toBe('93 KB');
    expect(formatBytes(5 * 1024 * 1024 * 1024)).toBe('5 GB');
    expect(countOf(1, 'file')).toBe('1 file');
    expect(countOf(1204, 'file')).toBe('1,204 files');
  });
});
