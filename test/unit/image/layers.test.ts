import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model.ts';
import { createImageContext, imageLayers, imageTotals, stageSummaries, type Layer } from '../../../src/engine/image/index.ts';
import { PACKAGE_SIZES_MB, LEFTOVER_MB, PROJECT_ESTIMATES_MB } from '../../../src/engine/data/package-sizes.ts';
import type { ContextFile, LintInput } from '../../../src/engine/types.ts';

const MB = 1_000_000;

const PY_CONTEXT: ContextFile[] = [
  { path: 'app.py', size: 4_000 },
  { path: 'requirements.txt', size: 40, content: 'flask==3.0.3\ngunicorn==22.0.0\n# a comment\n' },
  { path: 'src/models.py', size: 6_000 },
  { path: 'tests/test_app.py', size: 3_000 },
  { path: '.env', size: 200 },
  { path: '.git/HEAD', size: 50 },
];

const NODE_CONTEXT: ContextFile[] = [
  { path: 'package.json', size: 600, content: JSON.stringify({ dependencies: { express: '^4.19.0', pg: '^8.11.0' }, devDependencies: { jest: '^29.0.0' } }) },
  { path: 'package-lock.json', size: 90_000 },
  { path: 'server.js', size: 5_000 },
  { path: 'src/routes.js', size: 7_000 },
];

const GO_CONTEXT: ContextFile[] = [
  { path: 'go.mod', size: 300 },
  { path: 'go.sum', size: 9_000 },
  { path: 'main.go', size: 2_500 },
  { path: 'internal/api/api.go', size: 8_000 },
];

function analyse(dockerfile: string, context?: ContextFile[], dockerignore?: string) {
  const model = buildModel(dockerfile);
  const input: LintInput = { dockerfile, ...(context ? { context } : {}), ...(dockerignore !== undefined ? { dockerignore } : {}) };
  const ctx = createImageContext(model, input);
  const final = model.finalStage!;
  return { model, layers: imageLayers(ctx, final), totals: imageTotals(ctx, final), stages: stageSummaries(ctx, final) };
}

/** The layer of the first instruction whose text contains `text`. */
function layer(layers: Layer[], text: string): Layer {
  const l = layers.find((x) => x.createdBy.includes(text));
  if (!l) throw new Error(`no layer with ${text}: ${layers.map((x) => x.createdBy).join(' | ')}`);
  return l;
}

interface Row {
  name: string;
  dockerfile: string;
  context?: ContextFile[];
  dockerignore?: string;
  /** Per layer (found by text): bytes (null = unknown), kind, certainty, note pattern. */
  expect: { text: string; bytes?: number | null; kind?: Layer['kind']; certainty?: Layer['certainty']; note?: RegExp; packages?: string[]; files?: string[] }[];
  total?: number | null;
  lowerBound?: boolean;
}

const apt = (name: string) => PACKAGE_SIZES_MB.apt.packages[name];
const pip = (name: string) => PACKAGE_SIZES_MB.pip.packages[name];

const rows: Row[] = [
  {
    name: 'python: manifest first, pip without cache, sources after; .dockerignore respected',
    dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER 10001\nCMD ["gunicorn", "app:app"]\n',
    context: PY_CONTEXT,
    dockerignore: '.git\n.env\ntests/\n',
    expect: [
      { text: 'WORKDIR', bytes: 0, kind: 'metadata', certainty: 'exact' },
      { text: 'COPY requirements.txt', bytes: 40, kind: 'copy', certainty: 'exact', files: ['requirements.txt'] },
      { text: 'pip install', bytes: (pip('flask') + pip('gunicorn')) * MB, kind: 'dependency-install', certainty: 'estimate', packages: ['flask', 'gunicorn'] },
      { text: 'COPY . .', bytes: 4_000 + 40 + 6_000, certainty: 'exact', files: ['app.py', 'requirements.txt', 'src/models.py'] },
      { text: 'USER', bytes: 0, kind: 'metadata' },
      { text: 'CMD', bytes: 0, kind: 'metadata' },
    ],
    total: 42 * MB + 40 + (pip('flask') + pip('gunicorn')) * MB + 10_040,
    lowerBound: false,
  },
  {
    name: 'pip keeps its cache without --no-cache-dir',
    dockerfile: 'FROM python:3.12-slim\nRUN pip install flask\n',
    expect: [{ text: 'pip install', bytes: Math.round(pip('flask') * (1 + LEFTOVER_MB.pipCacheRatio) * MB), note: /--no-cache-dir/ }],
  },
  {
    name: 'PIP_NO_CACHE_DIR in the environment counts as --no-cache-dir',
    dockerfile: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n',
    expect: [{ text: 'pip install', bytes: pip('flask') * MB }],
  },
  {
    name: 'apt-get without --no-install-recommends and without cleanup',
    dockerfile: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n',
    expect: [{ text: 'apt-get', bytes: Math.round((apt('curl') * (1 + LEFTOVER_MB.aptRecommendsRatio) + LEFTOVER_MB.aptLists) * MB), kind: 'package-install', note: /rm -rf \/var\/lib\/apt\/lists/, packages: ['curl'] }],
  },
  {
    name: 'apt-get done right: only the packages',
    dockerfile: 'FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl ca-certificates \\\n && rm -rf /var/lib/apt/lists/*\n',
    expect: [{ text: 'apt-get', bytes: (apt('curl') + apt('ca-certificates')) * MB, packages: ['curl', 'ca-certificates'] }],
  },
  {
    name: 'apk add --no-cache vs apk add',
    dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN apk add git\n',
    expect: [
      { text: 'apk add --no-cache curl', bytes: PACKAGE_SIZES_MB.apk.packages.curl * MB },
      { text: 'apk add git', bytes: (PACKAGE_SIZES_MB.apk.packages.git + LEFTOVER_MB.apkIndex) * MB, note: /--no-cache/ },
    ],
  },
  {
    name: 'a virtual package group removed in the same RUN leaves nothing behind',
    dockerfile: 'FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && pip install --no-cache-dir flask \\\n && apk del .build-deps\n',
    expect: [{ text: 'apk add', bytes: pip('flask') * MB, kind: 'dependency-install' }],
  },
  {
    name: 'deleting in a later layer does not shrink the image',
    dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN rm -rf tests\n',
    context: PY_CONTEXT,
    expect: [{ text: 'rm -rf tests', note: /does not shrink the image/ }],
  },
  {
    name: 'chown -R after COPY ships the files twice',
    dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN useradd app && chown -R app /app\n',
    context: PY_CONTEXT,
    expect: [{ text: 'chown -R', bytes: PY_CONTEXT.reduce((n, f) => n + f.size, 0) + PROJECT_ESTIMATES_MB.small * MB, note: /COPY --chown/ }],
  },
  {
    name: 'go multi-stage onto distroless: the binary is the only added layer',
    dockerfile: [
      'FROM golang:1.23 AS build',
      'WORKDIR /src',
      'COPY go.mod go.sum ./',
      'RUN go mod download',
      'COPY . .',
      'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app',
      'FROM gcr.io/distroless/static-debian12:nonroot',
      'COPY --from=build /out/app /app',
      'ENTRYPOINT ["/app"]',
      '',
    ].join('\n'),
    context: GO_CONTEXT,
    expect: [
      { text: 'FROM gcr.io/distroless', kind: 'base', bytes: 2 * MB },
      { text: 'COPY --from=build', bytes: PROJECT_ESTIMATES_MB.goBinary * MB, certainty: 'estimate', kind: 'copy' },
    ],
    total: (2 + PROJECT_ESTIMATES_MB.goBinary) * MB,
    lowerBound: false,
  },
  {
    name: 'node: npm ci --omit=dev sizes node_modules from package.json',
    dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN --mount=type=cache,target=/root/.npm npm ci --omit=dev\nCOPY . .\n',
    context: NODE_CONTEXT,
    expect: [
      { text: 'COPY package*.json', bytes: 90_600, files: ['package.json', 'package-lock.json'] },
      { text: 'npm ci', bytes: 2 * PROJECT_ESTIMATES_MB.nodeDependency * MB, kind: 'dependency-install', packages: ['express', 'pg'] },
    ],
  },
  {
    name: 'node: npm ci without --omit=dev installs devDependencies and keeps the npm cache',
    dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n',
    context: NODE_CONTEXT,
    expect: [
      {
        text: 'npm ci',
        bytes: Math.round((2 * PROJECT_ESTIMATES_MB.nodeDependency + PACKAGE_SIZES_MB.npm.packages.jest) * (1 + LEFTOVER_MB.npmCacheRatio) * MB),
        note: /--omit=dev/,
        packages: ['express', 'pg', 'jest'],
      },
    ],
  },
  {
    name: 'node multi-stage: COPY --from of node_modules is sized from the deps stage',
    dockerfile: [
      'FROM node:22-slim AS deps',
      'WORKDIR /app',
      'COPY package*.json ./',
      'RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev',
      'FROM node:22-slim',
      'WORKDIR /app',
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY server.js src ./',
      '',
    ].join('\n'),
    context: NODE_CONTEXT,
    expect: [
      { text: 'COPY --from=deps', bytes: 2 * PROJECT_ESTIMATES_MB.nodeDependency * MB, certainty: 'estimate' },
      { text: 'COPY server.js src', bytes: 12_000, certainty: 'exact', files: ['server.js', 'src/routes.js'] },
    ],
  },
  {
    name: 'python venv built in one stage and copied whole',
    dockerfile: [
      'FROM python:3.12-slim AS build',
      'RUN python -m venv /opt/venv',
      'ENV PATH=/opt/venv/bin:$PATH',
      'RUN pip install --no-cache-dir flask',
      'FROM python:3.12-slim',
      'COPY --from=build /opt/venv /opt/venv',
      '',
    ].join('\n'),
    expect: [{ text: 'COPY --from=build /opt/venv', bytes: (20 + pip('flask')) * MB, certainty: 'estimate' }],
  },
  {
    name: 'COPY --from of a path the source stage is not known to write is unknown',
    dockerfile: 'FROM debian:bookworm-slim AS build\nRUN ./build.sh\nFROM debian:bookworm-slim\nCOPY --from=build /opt/tool /usr/local/bin/tool\n',
    expect: [{ text: 'COPY --from=build', bytes: null, certainty: 'unknown', note: /cannot tell/ }],
    total: 28 * MB,
    lowerBound: true,
  },
  {
    name: 'system files copied from another stage are small and known',
    dockerfile: 'FROM alpine:3.20 AS build\nRUN adduser -D app\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\n',
    expect: [{ text: 'COPY --from=build /etc/passwd', bytes: 1_000 }],
  },
  {
    name: 'ADD of a URL is a download of unknown size',
    dockerfile: 'FROM debian:bookworm-slim\nADD https://example.com/tool.tar.gz /opt/\n',
    context: [],
    expect: [{ text: 'ADD https', bytes: null, kind: 'download', certainty: 'unknown' }],
  },
  {
    name: 'a COPY source that is not in the context fails the build',
    dockerfile: 'FROM python:3.12-slim\nCOPY missing.txt /app/\n',
    context: PY_CONTEXT,
    expect: [{ text: 'COPY missing.txt', bytes: 0, note: /not in the build context/ }],
  },
  {
    name: 'a COPY source .dockerignore excludes',
    dockerfile: 'FROM python:3.12-slim\nCOPY .env /app/\n',
    context: PY_CONTEXT,
    dockerignore: '.env\n',
    expect: [{ text: 'COPY .env', bytes: 0, note: /excluded by \.dockerignore: the build fails here \("not found"\)\. A change to those files never reaches the build/ }],
  },
  {
    name: 'a COPY of a directory whose every file .dockerignore excludes: an empty directory, as copy-ignored-file says',
    dockerfile: 'FROM python:3.12-slim\nCOPY tests/ /app/tests/\n',
    context: PY_CONTEXT,
    dockerignore: 'tests/*\n',
    expect: [{ text: 'COPY tests/', bytes: 0, note: /`tests\/` is excluded by \.dockerignore: everything in it is left out, so this step copies an empty directory/ }],
  },
  {
    name: 'a wildcard COPY whose matches .dockerignore excludes copies nothing',
    dockerfile: 'FROM python:3.12-slim\nCOPY tests/*.py /app/tests/\n',
    context: PY_CONTEXT,
    dockerignore: 'tests\n',
    expect: [{ text: 'COPY tests/*.py', bytes: 0, note: /everything it matches is left out, so this step copies nothing for it/ }],
  },
  {
    name: 'a wildcard COPY that matches nothing copies nothing (the build goes on)',
    dockerfile: 'FROM python:3.12-slim\nCOPY *.whl /wheels/\n',
    context: PY_CONTEXT,
    expect: [{ text: 'COPY *.whl', bytes: 0, note: /`\*\.whl` matches nothing in the build context/ }],
  },
  {
    name: 'COPY --exclude leaves matching files out',
    dockerfile: 'FROM python:3.12-slim\nCOPY --exclude=tests --exclude=.* . /app\n',
    context: PY_CONTEXT,
    expect: [{ text: 'COPY --exclude', bytes: 4_000 + 40 + 6_000, files: ['app.py', 'requirements.txt', 'src/models.py'] }],
  },
  {
    name: 'without a known context, COPY sizes are unknown',
    dockerfile: 'FROM python:3.12-slim\nCOPY . /app\n',
    expect: [{ text: 'COPY . /app', bytes: null, certainty: 'unknown' }],
    lowerBound: true,
  },
  {
    name: 'an unknown base image makes the total unknown',
    dockerfile: 'FROM mycorp/base:1\nRUN mkdir /data\n',
    expect: [{ text: 'FROM mycorp/base', bytes: null, certainty: 'unknown' }],
    total: null,
    lowerBound: true,
  },
  {
    name: 'heredoc COPY is the size of its body',
    dockerfile: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n',
    expect: [{ text: 'COPY <<EOF', bytes: 'hello\n'.length, certainty: 'exact' }],
  },
  {
    name: 'go build keeps its build cache in the layer without a cache mount',
    dockerfile: 'FROM golang:1.23\nWORKDIR /src\nRUN go build -o /out/app .\n',
    expect: [{ text: 'go build', bytes: (PROJECT_ESTIMATES_MB.goBinary + PROJECT_ESTIMATES_MB.goBuildCache) * MB, kind: 'compile', note: /cache/ }],
  },
];

describe('layers, like docker history', () => {
  it('has at least 20 rows', () => expect(rows.length).toBeGreaterThanOrEqual(20));

  for (const row of rows) {
    it(row.name, () => {
      const { layers, totals } = analyse(row.dockerfile, row.context, row.dockerignore);
      for (const e of row.expect) {
        const l = layer(layers, e.text);
        if (e.bytes !== undefined) {
          if (e.bytes === null) expect(l.bytes, e.text).toBeNull();
          else expect(l.bytes, e.text).toBe(Math.round(e.bytes));
        }
        if (e.kind) expect(l.kind, e.text).toBe(e.kind);
        if (e.certainty) expect(l.certainty, e.text).toBe(e.certainty);
        if (e.note) expect(l.notes.join(' '), e.text).toMatch(e.note);
        if (e.packages) expect(l.packages).toEqual(e.packages);
        if (e.files) expect([...l.contextFiles].sort()).toEqual([...e.files].sort());
      }
      if (row.total !== undefined) {
        if (row.total === null) expect(totals.totalBytes).toBeNull();
        else expect(totals.totalBytes).toBe(Math.round(row.total));
      }
      if (row.lowerBound !== undefined) expect(totals.lowerBound).toBe(row.lowerBound);
    });
  }
});

describe('the final image', () => {
  it('lists the base row first and only the stages in the final image', () => {
    const { layers } = analyse('FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n');
    expect(layers.map((l) => l.keyword)).toEqual(['FROM', 'COPY']);
    expect(layers[0].createdBy).toBe('FROM alpine:3.20');
  });

  it('includes the layers of the stages the final stage is FROM', () => {
    const { layers, totals } = analyse('FROM python:3.12-slim AS base\nRUN pip install --no-cache-dir flask\nFROM base\nENV A=1\n');
    expect(layers.map((l) => l.keyword)).toEqual(['FROM', 'RUN', 'ENV']);
    expect(totals.addedBytes).toBe(pip('flask') * MB);
  });

  it('sums the known layers into the added bytes', () => {
    const { layers, totals } = analyse('FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n', PY_CONTEXT);
    expect(totals.addedBytes).toBe(layers.slice(1).reduce((n, l) => n + (l.bytes ?? 0), 0));
    expect(totals.baseBytes).toBe(42 * MB);
    expect(totals.unknownLayers).toBe(0);
  });

  it('says which stages are built, shipped, or copied from', () => {
    const { stages } = analyse(
      [
        'FROM node:22-slim AS deps',
        'RUN npm ci',
        'FROM node:22-slim AS build',
        'RUN npm run build',
        'FROM alpine:3.20 AS unused',
        'RUN echo never',
        'FROM nginx:1.27-alpine',
        'COPY --from=build /app/dist /usr/share/nginx/html',
        '',
      ].join('\n'),
    );
    expect(stages.map((s) => [s.name, s.built, s.inFinalImage, s.copiedIntoFinal])).toEqual([
      ['deps', false, false, false],
      ['build', true, false, true],
      ['unused', false, false, false],
      [null, true, true, false],
    ]);
  });

  it('estimates a front-end build output copied into nginx', () => {
    const { layers } = analyse('FROM node:22-slim AS build\nWORKDIR /app\nRUN npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n');
    const copy = layer(layers, 'COPY --from=build');
    expect(copy.bytes).toBe(PROJECT_ESTIMATES_MB.frontendBuild * MB);
    expect(copy.certainty).toBe('estimate');
  });

  it('gives build times: metadata 0, installs longer than copies', () => {
    const { layers } = analyse('FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCOPY a /a\nENV X=1\n', [{ path: 'a', size: 10 }]);
    const [run, copy, env] = [layer(layers, 'apt-get'), layer(layers, 'COPY a'), layer(layers, 'ENV')];
    expect(env.seconds).toBe(0);
    expect(run.seconds).toBeGreaterThan(copy.seconds);
    expect(copy.seconds).toBeGreaterThan(0);
  });
});
