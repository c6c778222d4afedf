import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildModel } from '../../../src/engine/model.ts';
import { previewImage } from '../../../src/engine/image/index.ts';
import type { ContextFile, LintInput } from '../../../src/engine/types.ts';

const CONTEXT: ContextFile[] = [
  { path: 'package.json', size: 500, content: '{"dependencies":{"express":"^4"}}' },
  { path: 'package-lock.json', size: 40_000 },
  { path: 'server.js', size: 3_000 },
  { path: 'node_modules/express/index.js', size: 1_000 },
];

const NODE_APP = [
  'FROM node:22-slim AS deps',
  'WORKDIR /app',
  'COPY package*.json ./',
  'RUN npm ci --omit=dev',
  'FROM node:22-slim',
  'ENV NODE_ENV=production',
  'WORKDIR /app',
  'COPY --from=deps /app/node_modules ./node_modules',
  'COPY --chown=node:node . .',
  'USER node',
  'EXPOSE 3000',
  'HEALTHCHECK --interval=10s CMD node -e "fetch(\'http://localhost:3000/health\').then(r => process.exit(r.ok ? 0 : 1))"',
  'CMD ["node", "server.js"]',
  '',
].join('\n');

function preview(dockerfile: string, options: Parameters<typeof previewImage>[2] = {}, input: Partial<LintInput> = {}) {
  return previewImage(buildModel(dockerfile), { dockerfile, context: CONTEXT, dockerignore: 'node_modules\n', ...input }, options);
}

/** Only plain JSON values: no Map, Set, class instance, function or undefined inside arrays. */
function assertPlain(value: unknown, path = '$'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    expect(Number.isFinite(value), path).toBe(true);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertPlain(v, `${path}[${i}]`));
    return;
  }
  expect(typeof value, path).toBe('object');
  expect(Object.getPrototypeOf(value), path).toBe(Object.prototype);
  for (const [k, v] of Object.entries(value as object)) if (v !== undefined) assertPlain(v, `${path}.${k}`);
}

describe('previewImage', () => {
  it('returns everything the panel needs for the final stage', () => {
    const p = preview(NODE_APP, { changed: ['server.js'] })!;
    expect(p.stage).toEqual({ index: 1, name: null, isFinal: true });
    expect(p.base).toMatchObject({ kind: 'image', reference: 'node:22-slim', known: true, sizeMB: 75, hasShell: true });
    expect(p.config.config).toMatchObject({ User: 'node', WorkingDir: '/app', Cmd: ['node', 'server.js'], ExposedPorts: { '3000/tcp': {} } });
    expect(p.config.config.Healthcheck?.Interval).toBe('10s');
    expect(p.user).toMatchObject({ uid: 1000, exists: true, root: false });
    expect(p.layers[0].keyword).toBe('FROM');
    expect(p.layers.map((l) => l.keyword)).toEqual(['FROM', 'ENV', 'WORKDIR', 'COPY', 'COPY', 'USER', 'EXPOSE', 'HEALTHCHECK', 'CMD']);
    // node_modules is ignored: COPY . . sends only the project files
    expect(p.layers[4].contextFiles.sort()).toEqual(['package-lock.json', 'package.json', 'server.js']);
    expect(p.stages.map((s) => [s.name, s.built, s.inFinalImage, s.copiedIntoFinal])).toEqual([
      ['deps', true, false, true],
      [null, true, true, false],
    ]);
    expect(p.rebuild?.steps.filter((s) => !s.cached).map((s) => s.line + 1)).toEqual([9, 10, 11, 12, 13]);
    expect(p.totals.totalBytes).toBeGreaterThan(75_000_000);
    expect(p.totals.lowerBound).toBe(false);
  });

  it('is plain JSON and survives a round trip', () => {
    const p = preview(NODE_APP, { changed: ['package.json'] });
    assertPlain(p);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('previews another stage on request', () => {
    const p = preview(NODE_APP, { stage: 'deps' })!;
    expect(p.stage).toEqual({ index: 0, name: 'deps', isFinal: false });
    expect(p.layers.map((l) => l.keyword)).toEqual(['FROM', 'WORKDIR', 'COPY', 'RUN']);
    expect(preview(NODE_APP, { stage: 0 })!.stage.name).toBe('deps');
    expect(preview(NODE_APP, { stage: 'nope' })).toBeNull();
  });

  it('returns null when there is no stage yet', () => {
    expect(previewImage(buildModel('# just a comment\n'), { dockerfile: '# just a comment\n' })).toBeNull();
  });

  it('has no rebuild view without changed files', () => {
    expect(preview(NODE_APP)!.rebuild).toBeNull();
  });

  it('lists what it does not know in words', () => {
    const p = preview('FROM mycorp/node:22\nCOPY --from=mycorp/tools:1 /bin/tool /usr/local/bin/\nUSER app\n')!;
    expect(p.base.known).toBe(false);
    expect(p.unknowns.some((u) => u.startsWith('Env'))).toBe(true);
    expect(p.unknowns.some((u) => u.startsWith('User: '))).toBe(true);
    expect(p.unknowns.some((u) => u.includes('COPY --from=mycorp/tools:1'))).toBe(true);
    expect(p.user.exists).toBeNull();
  });

  it('never throws on Dockerfiles assembled from arbitrary instructions', () => {
    const instruction = fc.constantFrom(
      'FROM python:3.12-slim AS a',
      'FROM a',
      'FROM scratch',
      'FROM ${UNSET}',
      'FROM mycorp/x',
      'ARG X=1',
      'ARG Y',
      'ENV PATH=/x:$PATH',
      'ENV A',
      'WORKDIR relative/$X',
      'WORKDIR /abs',
      'COPY . .',
      'COPY --from=a / /',
      'COPY --from=9 /x /y',
      'COPY --chown=app:app *.json ./',
      'COPY ["a b", "c"]',
      'ADD https://example.com/x.tgz /',
      'RUN apt-get update && apt-get install -y curl',
      'RUN apk add --virtual .b gcc && apk del .b',
      'RUN useradd -u $X app',
      'RUN adduser -S',
      'RUN pip install -r',
      'RUN npm ci',
      'RUN go build -o',
      'RUN chown -R',
      'RUN ["echo"]',
      'RUN',
      'USER',
      'USER app:',
      'EXPOSE 70000-80000/udp abc',
      'HEALTHCHECK --interval=x CMD',
      'HEALTHCHECK NONE',
      'ENTRYPOINT [',
      'CMD',
      'SHELL ["/bin/bash", "-c"]',
      'VOLUME',
      'LABEL a',
      'STOPSIGNAL',
      'ONBUILD RUN x',
      'BOGUS thing',
    );
    fc.assert(
      fc.property(fc.array(instruction, { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom('a', 'app.py', 'x/y', '.env', 'package.json'), { maxLength: 3 }), (list, changed) => {
        const dockerfile = list.join('\n') + '\n';
        const p = previewImage(buildModel(dockerfile), { dockerfile, context: [{ path: 'a', size: 1 }, { path: 'x/y', size: 2 }] }, { changed });
        if (p) {
          const known = p.layers.slice(1).reduce((n, l) => n + (l.bytes ?? 0), 0);
          expect(p.totals.addedBytes).toBe(known);
          expect(JSON.parse(JSON.stringify(p))).toEqual(p);
        }
      }),
      { numRuns: 300 },
    );
  });
});
