import { describe, expect, it } from 'vitest';
import { AUTOMATIC_PLATFORM_ARGS, buildModel, fromScope } from '../../src/engine/model.ts';

describe('model: stages', () => {
  it('reads stage names lower-cased, with the range as written', () => {
    const m = buildModel('FROM golang:1.27 AS Build\nFROM alpine:3.23 as runtime\nFROM scratch\n');
    expect(m.stages.map((s) => s.name)).toEqual(['build', 'runtime', undefined]);
    expect(m.doc.rangeText(m.stages[0].nameRange!)).toBe('Build');
    expect(m.stages[1].nameRange).toEqual({ start: { line: 1, character: 20 }, end: { line: 1, character: 27 } });
  });

  it('resolves FROM <stage> case-insensitively, to earlier stages only', () => {
    const m = buildModel('FROM alpine:3.23 AS Base\nFROM BASE AS app\nFROM later\nFROM alpine:3.23 AS later\n');
    expect(m.stages[1].baseStage).toBe(0);
    expect(m.stages[2].baseStage).toBeUndefined();
    expect(m.stages[2].base.canonicalPath).toBe('library/later');
  });

  it('recognises scratch', () => {
    const m = buildModel('FROM scratch\nFROM SCRATCH\nFROM alpine:3.23\n');
    expect(m.stages.map((s) => s.isScratch)).toEqual([true, true, false]);
  });

  it('reads the base after flags and across a continuation', () => {
    const m = buildModel('FROM --platform=$BUILDPLATFORM \\\n  golang:1.27-alpine AS build\n');
    const s = m.stages[0];
    expect(s.baseText).toBe('golang:1.27-alpine');
    expect(s.baseRange.start).toEqual({ line: 1, character: 2 });
    expect(s.platform).toBe('$BUILDPLATFORM');
    expect(s.name).toBe('build');
  });
});

describe('model: copiesFrom and inFinalImage', () => {
  const text =
    'FROM node:22-bookworm-slim AS deps\nRUN npm ci\n' +
    'FROM deps AS build\nRUN npm run build\n' +
    'FROM alpine:3.23 AS test\nCOPY --from=build /app /app\nRUN --mount=type=bind,from=deps,source=/app,target=/deps true\n' +
    'FROM deps AS runtime\nCOPY --chown=node:node --from=1 /app/dist ./dist\nCOPY --from=nginx:1.30-alpine /etc/nginx/mime.types /etc/\n';
  const m = buildModel(text);

  it('records the stages a stage copies from, by name, index or mount', () => {
    expect(m.stages[2].copiesFrom).toEqual([1, 0]);
    expect(m.stages[3].copiesFrom).toEqual([1]);
    expect(m.stages[3].copiesFromImages).toEqual(['nginx:1.30-alpine']);
  });

  it('marks the final stage and the chain it is FROM as in the final image', () => {
    expect(m.finalStage?.index).toBe(3);
    expect(m.stages.map((s) => s.isFinal)).toEqual([false, false, false, true]);
    // runtime is FROM deps; build and test are only copied from or unused
    expect(m.stages.map((s) => s.inFinalImage)).toEqual([true, false, false, true]);
  });

  it('does not resolve --from to the current or a later stage', () => {
    const self = buildModel('FROM alpine:3.23 AS a\nCOPY --from=a /x /x\nCOPY --from=b /y /y\nFROM alpine:3.23 AS b\n');
    expect(self.stages[0].copiesFrom).toEqual([]);
    expect(self.stages[0].copiesFromImages).toEqual(['a', 'b']);
  });
});

describe('model: ARG substitution in FROM', () => {
  it('substitutes defaults of ARGs before the first FROM', () => {
    const m = buildModel('ARG PY=3.13\nARG VARIANT="slim"\nFROM python:${PY}-$VARIANT\n');
    expect(m.globalArgs.get('PY')).toBe('3.13');
    expect(m.stages[0].base.resolved).toBe('python:3.13-slim');
    expect(m.stages[0].base.tag).toBe('3.13-slim');
    expect(m.stages[0].baseText).toBe('python:${PY}-$VARIANT');
  });

  it('lists undefined and empty variables', () => {
    const m = buildModel('ARG TAG\nFROM ${IMAGE}:${TAG}\n');
    expect(m.stages[0].undefinedBaseVariables).toEqual(['IMAGE']);
    expect(m.stages[0].emptyBaseVariables).toEqual(['TAG']);
  });

  it('does not see ARGs declared inside a stage', () => {
    const m = buildModel('FROM alpine:3.23\nARG NODE=22\nFROM node:${NODE}\n');
    expect(m.stages[1].undefinedBaseVariables).toEqual(['NODE']);
    expect(m.globalArgs.has('NODE')).toBe(false);
  });

  it('knows BuildKit\'s automatic platform ARGs', () => {
    const m = buildModel('FROM alpine:3.23 AS base-amd64\nFROM base-${TARGETARCH}${TARGETVARIANT}\nFROM --platform=$BUILDPLATFORM golang:1.27-${TARGETOS}\n');
    expect(m.stages[1].undefinedBaseVariables).toEqual([]);
    expect(m.stages[1].emptyBaseVariables).toEqual([]);
    // linux/amd64 stands in for the platform, so the stage reference resolves
    expect(m.stages[1].baseStage).toBe(0);
    expect(m.stages[2].base.tag).toBe('1.27-linux');
    expect([...AUTOMATIC_PLATFORM_ARGS.keys()].sort()).toEqual(
      ['BUILDARCH', 'BUILDOS', 'BUILDPLATFORM', 'BUILDVARIANT', 'TARGETARCH', 'TARGETOS', 'TARGETPLATFORM', 'TARGETVARIANT'],
    );
  });

  it('gives a declared platform ARG without a value its automatic value', () => {
    const scope = fromScope(new Map([['TARGETARCH', undefined], ['TAG', '1']]));
    expect(scope.get('TARGETARCH')).toBe('amd64');
    expect(scope.get('TAG')).toBe('1');
    const m = buildModel('ARG TARGETARCH\nFROM alpine:3.23-${TARGETARCH}\n');
    expect(m.stages[0].emptyBaseVariables).toEqual([]);
    expect(m.stages[0].base.tag).toBe('3.23-amd64');
  });

  it('expands a default with the ARGs declared before it, as BuildKit does', () => {
    const m = buildModel('ARG PY=3.13\nARG IMAGE=python:${PY}-slim\nFROM ${IMAGE}\n');
    expect(m.globalArgs.get('IMAGE')).toBe('python:3.13-slim');
    expect(m.stages[0].base.resolved).toBe('python:3.13-slim');
    expect(buildModel('ARG IMAGE=app:${LATER}\nARG LATER=1\nFROM ${IMAGE}\n').stages[0].base.resolved).toBe('app:');
  });

  it('lets a global ARG with a value override a platform ARG', () => {
    const m = buildModel('ARG TARGETARCH=arm64\nFROM alpine:3.23-${TARGETARCH}\n');
    expect(m.stages[0].base.tag).toBe('3.23-arm64');
  });
});
