import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model.ts';
import { createImageContext, imageLayers, rebuildFor, type CacheReport } from '../../../src/engine/image/index.ts';
import type { ContextFile, LintInput } from '../../../src/engine/types.ts';

const PY_CONTEXT: ContextFile[] = [
  { path: 'app.py', size: 4_000 },
  { path: 'requirements.txt', size: 40, content: 'flask\n' },
  { path: 'src/models.py', size: 6_000 },
  { path: 'tests/test_app.py', size: 3_000 },
  { path: '.env', size: 200 },
];

function rebuild(dockerfile: string, changed: string[], options: { context?: ContextFile[]; dockerignore?: string } = {}): CacheReport {
  const model = buildModel(dockerfile);
  const input: LintInput = { dockerfile, ...options };
  return rebuildFor(createImageContext(model, input), model.finalStage!, changed);
}

/** One-based lines of the steps that run again. */
function rebuiltLines(r: CacheReport): number[] {
  return r.steps.filter((s) => !s.cached).map((s) => s.line + 1);
}

const BAD_PYTHON = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n';
const GOOD_PYTHON =
  'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n';
const GO_MULTI = [
  'FROM golang:1.23 AS build', // 1
  'WORKDIR /src', // 2
  'COPY go.mod go.sum ./', // 3
  'RUN go mod download', // 4
  'COPY . .', // 5
  'RUN go build -o /out/app .', // 6
  'FROM gcr.io/distroless/static-debian12:nonroot', // 7
  'LABEL org.opencontainers.image.source=https://example.com', // 8
  'COPY --from=build /out/app /app', // 9
  'ENTRYPOINT ["/app"]', // 10
  '',
].join('\n');

interface Row {
  name: string;
  dockerfile: string;
  changed: string[];
  context?: ContextFile[];
  dockerignore?: string;
  /** One-based lines that run again. */
  rebuilt: number[];
  reason?: RegExp;
  ignored?: string[];
  unused?: string[];
}

const rows: Row[] = [
  {
    name: 'COPY . . before pip install: a source change reinstalls every dependency',
    dockerfile: BAD_PYTHON,
    changed: ['app.py'],
    rebuilt: [3, 4, 5],
    reason: /copies `app.py`/,
  },
  {
    name: 'manifest first: a source change keeps pip install cached',
    dockerfile: GOOD_PYTHON,
    changed: ['app.py'],
    rebuilt: [5, 6],
  },
  {
    name: 'manifest first: a dependency change reinstalls',
    dockerfile: GOOD_PYTHON,
    changed: ['requirements.txt'],
    rebuilt: [3, 4, 5, 6],
  },
  {
    name: 'a file .dockerignore excludes changes nothing',
    dockerfile: BAD_PYTHON,
    changed: ['.env'],
    dockerignore: '.env\n',
    rebuilt: [],
    ignored: ['.env'],
  },
  {
    name: 'a file no instruction copies changes nothing',
    dockerfile: 'FROM python:3.12-slim\nCOPY app.py /app/\n',
    changed: ['tests/test_app.py'],
    rebuilt: [],
    unused: ['tests/test_app.py'],
  },
  {
    name: 'COPY of a directory: files inside it count, others do not',
    dockerfile: 'FROM python:3.12-slim\nCOPY src/ /app/src/\nRUN echo built\n',
    changed: ['src/models.py'],
    rebuilt: [2, 3],
  },
  {
    name: 'COPY with a wildcard',
    dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n',
    changed: ['package-lock.json'],
    rebuilt: [3, 4, 5],
  },
  {
    name: 'COPY with a wildcard: a file it does not match keeps npm ci cached',
    dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n',
    changed: ['src/index.js'],
    rebuilt: [5],
  },
  {
    name: 'multi-stage: a source change rebuilds the builder from COPY . . and the final COPY --from',
    dockerfile: GO_MULTI,
    changed: ['main.go'],
    rebuilt: [5, 6, 9, 10],
    reason: /copies from stage build/,
  },
  {
    name: 'multi-stage: go.sum changes redownload modules',
    dockerfile: GO_MULTI,
    changed: ['go.sum'],
    rebuilt: [3, 4, 5, 6, 9, 10],
  },
  {
    name: 'a stage FROM a rebuilt stage rebuilds whole',
    dockerfile: 'FROM node:22-slim AS base\nWORKDIR /app\nCOPY package.json .\nRUN npm install\nFROM base AS final\nENV NODE_ENV=production\nCOPY server.js .\n',
    changed: ['package.json'],
    rebuilt: [3, 4, 6, 7],
    reason: /built FROM stage base/,
  },
  {
    name: 'a stage the final image does not need is not built at all',
    dockerfile: 'FROM alpine:3.20 AS docs\nCOPY docs/ /docs/\nFROM alpine:3.20\nCOPY app /app\n',
    changed: ['docs/index.md'],
    rebuilt: [],
    unused: ['docs/index.md'],
  },
  {
    name: 'a RUN that bind-mounts a context file misses when it changes',
    dockerfile: 'FROM node:22-slim\nWORKDIR /app\nRUN --mount=type=bind,source=package.json,target=package.json npm install\nCOPY . .\n',
    changed: ['package.json'],
    rebuilt: [3, 4],
    reason: /bind-mounts `package.json`/,
  },
  {
    name: 'RUN --mount=from= a rebuilt stage misses too',
    dockerfile: 'FROM alpine:3.20 AS files\nCOPY config.yml /config.yml\nFROM alpine:3.20\nRUN --mount=from=files,source=/config.yml,target=/tmp/c.yml cp /tmp/c.yml /etc/app.yml\n',
    changed: ['config.yml'],
    rebuilt: [2, 4],
    reason: /mounts files of stage files/,
  },
  {
    name: 'COPY with the source from a build argument',
    dockerfile: 'FROM python:3.12-slim\nARG SRC=src\nCOPY ${SRC}/ /app/\n',
    changed: ['src/models.py'],
    rebuilt: [3],
  },
  {
    name: 'JSON-form COPY with the source from a build argument',
    dockerfile: 'FROM python:3.12-slim\nARG SRC=src\nCOPY ["${SRC}/", "/app/"]\nRUN echo built\n',
    changed: ['src/models.py'],
    rebuilt: [3, 4],
  },
  {
    name: 'several changes: the earliest miss decides',
    dockerfile: GOOD_PYTHON,
    changed: ['app.py', 'requirements.txt'],
    rebuilt: [3, 4, 5, 6],
  },
  {
    name: 'a file under a directory .dockerignore excludes',
    dockerfile: BAD_PYTHON,
    changed: ['tests/test_app.py'],
    dockerignore: 'tests\n',
    context: PY_CONTEXT,
    rebuilt: [],
    ignored: ['tests/test_app.py'],
  },
  {
    name: 'paths written with ./ are the same files',
    dockerfile: GOOD_PYTHON,
    changed: ['./requirements.txt'],
    rebuilt: [3, 4, 5, 6],
  },
  {
    name: 'heredoc COPY takes nothing from the context',
    dockerfile: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\nCOPY app /app\n',
    changed: ['app'],
    rebuilt: [5],
  },
  {
    name: 'COPY --exclude: an excluded file changes nothing',
    dockerfile: 'FROM python:3.12-slim\nCOPY --exclude=*.md . /app\n',
    changed: ['README.md'],
    rebuilt: [],
    unused: ['README.md'],
  },
  {
    name: 'COPY --exclude patterns are relative to the source: *.md does not reach into docs/',
    dockerfile: 'FROM python:3.12-slim\nCOPY --exclude=*.md . /app\n',
    changed: ['docs/guide.md'],
    rebuilt: [2],
  },
  {
    name: 'nginx: only the site files rebuild, the config stays cached',
    dockerfile: 'FROM nginxinc/nginx-unprivileged:1.28-alpine\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\nCOPY site/ /usr/share/nginx/html/\n',
    changed: ['site/index.html'],
    rebuilt: [3],
  },
];

describe('rebuilds after a change', () => {
  it('has at least 20 rows', () => expect(rows.length).toBeGreaterThanOrEqual(20));

  for (const row of rows) {
    it(row.name, () => {
      const r = rebuild(row.dockerfile, row.changed, { context: row.context, dockerignore: row.dockerignore });
      expect(rebuiltLines(r)).toEqual(row.rebuilt);
      if (row.reason) expect(r.steps.filter((s) => !s.cached).map((s) => s.reason).join(' ')).toMatch(row.reason);
      if (row.ignored) expect(r.ignored).toEqual(row.ignored);
      if (row.unused) expect(r.unused).toEqual(row.unused);
    });
  }
});

describe('a COPY whose sources .dockerignore keeps out', () => {
  // the context never sends those files, so a change to them cannot reach the build: the COPY (and
  // what follows it) stays cached, whether or not the context is listed, and the file is reported as ignored
  const CONFIG_CONTEXT: ContextFile[] = [...PY_CONTEXT, { path: 'config/app.yml', size: 300 }, { path: 'config/keep.yml', size: 100 }];
  const cases: { name: string; dockerfile: string; dockerignore: string; changed: string }[] = [
    { name: 'an excluded directory', dockerfile: 'FROM python:3.12-slim\nCOPY config/ /etc/app/\nRUN echo built\n', dockerignore: 'config\n', changed: 'config/app.yml' },
    { name: 'a directory whose contents are excluded', dockerfile: 'FROM python:3.12-slim\nCOPY config/ /etc/app/\nRUN echo built\n', dockerignore: 'config/*\n', changed: 'config/app.yml' },
    { name: 'a wildcard', dockerfile: 'FROM python:3.12-slim\nCOPY config/*.yml /etc/app/\nRUN echo built\n', dockerignore: '**/*.yml\n', changed: 'config/app.yml' },
    { name: 'a named file', dockerfile: 'FROM python:3.12-slim\nCOPY .env /app/.env\nRUN echo built\n', dockerignore: '.env\n', changed: '.env' },
    { name: 'COPY . . with an allow-list', dockerfile: 'FROM python:3.12-slim\nCOPY . /app/\nRUN echo built\n', dockerignore: '*\n!app.py\n', changed: 'requirements.txt' },
  ];
  for (const c of cases) {
    for (const context of [CONFIG_CONTEXT, undefined]) {
      it(`${c.name}: never invalidated (${context ? 'context listed' : 'context unknown'})`, () => {
        const r = rebuild(c.dockerfile, [c.changed], { context, dockerignore: c.dockerignore });
        expect(rebuiltLines(r)).toEqual([]);
        expect(r.ignored).toEqual([c.changed]);
        expect(r.unused).toEqual([]);
        expect(r.steps.every((s) => s.cached)).toBe(true);
      });
    }
  }

  it('a file an exception re-includes is sent, so it does invalidate the COPY', () => {
    const r = rebuild('FROM python:3.12-slim\nCOPY config/ /etc/app/\nRUN echo built\n', ['config/keep.yml', 'config/app.yml'], {
      context: CONFIG_CONTEXT,
      dockerignore: 'config\n!config/keep.yml\n',
    });
    expect(rebuiltLines(r)).toEqual([2, 3]);
    expect(r.ignored).toEqual(['config/app.yml']);
    expect(r.steps.find((s) => s.line === 1)?.reason).toBe('It copies `config/keep.yml`, which changed.');
  });

  it('agrees with the layers view, which copies nothing from those files', () => {
    const dockerfile = 'FROM python:3.12-slim\nCOPY config/ /etc/app/\n';
    const input: LintInput = { dockerfile, context: CONFIG_CONTEXT, dockerignore: 'config\n' };
    const model = buildModel(dockerfile);
    const ctx = createImageContext(model, input);
    const copy = imageLayers(ctx, model.finalStage!).find((l) => l.keyword === 'COPY')!;
    expect(copy.contextFiles).toEqual([]);
    expect(copy.notes.join(' ')).toMatch(/never invalidates this step/);
    expect(rebuildFor(ctx, model.finalStage!, ['config/app.yml']).steps.every((s) => s.cached)).toBe(true);
  });
});

describe('rebuild report', () => {
  it('names the first miss per stage and explains the ones after it', () => {
    const r = rebuild(BAD_PYTHON, ['app.py']);
    expect(r.stages).toEqual([{ stage: 0, name: null, rebuildFrom: 2, reason: 'It copies `app.py`, which changed.' }]);
    const pip = r.steps.find((s) => s.line === 3)!;
    expect(pip.reason).toMatch(/comes after `COPY \. \.` \(line 3\)/);
    expect(pip.kind).toBe('dependency-install');
  });

  it('costs more when the dependency install reruns', () => {
    const bad = rebuild(BAD_PYTHON, ['app.py'], { context: PY_CONTEXT });
    const good = rebuild(GOOD_PYTHON, ['app.py'], { context: PY_CONTEXT });
    expect(bad.rebuilt.seconds).toBeGreaterThan(good.rebuilt.seconds);
    expect(bad.rebuilt.bytes).toBeGreaterThan(good.rebuilt.bytes);
    expect(good.cached.steps).toBeGreaterThan(bad.cached.steps);
    expect(good.rebuilt.unknownBytes).toBe(false);
  });

  it('rebuilds nothing when nothing changed', () => {
    const r = rebuild(GO_MULTI, []);
    expect(r.rebuilt.steps).toBe(0);
    expect(r.stages.every((s) => s.rebuildFrom === null)).toBe(true);
  });
});
