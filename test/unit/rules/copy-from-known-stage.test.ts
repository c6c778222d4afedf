import rule from '../../../src/engine/rules/copy-from-known-stage.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

const BUILD = 'FROM node:22-bookworm-slim AS build\nWORKDIR /app\nRUN npm ci && npm run build\n';

runRuleTests(rule, {
  valid: [
    { name: 'an earlier stage by name', code: `${BUILD}FROM nginx:1.30-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n` },
    { name: 'names are case-insensitive', code: `${BUILD}FROM nginx:1.30-alpine\nCOPY --from=BUILD /app/dist /usr/share/nginx/html\n` },
    { name: 'an earlier stage by index', code: `${BUILD}FROM nginx:1.30-alpine\nCOPY --from=0 /app/dist /usr/share/nginx/html\n` },
    { name: 'an image with a tag', code: 'FROM alpine:3.23\nCOPY --from=nginx:1.30-alpine /etc/nginx/nginx.conf /etc/nginx/\n' },
    { name: 'an image with a registry path', code: 'FROM alpine:3.23\nCOPY --from=ghcr.io/astral-sh/uv /uv /usr/local/bin/uv\n' },
    { name: 'an image by digest', code: 'FROM alpine:3.23\nCOPY --from=busybox@sha256:4c2cf9917bd1cbacc5e9b07320025bdb7cdf2df7b0ceaccb55e9dd7e30987419 /bin/busybox /bin/\n' },
    { name: 'other flags around --from', code: `${BUILD}FROM nginx:1.30-alpine\nCOPY --chown=101:101 --from=build --link /app/dist /usr/share/nginx/html\n` },
    { name: 'a bind mount from an earlier stage', code: `${BUILD}FROM node:22-bookworm-slim\nRUN --mount=type=bind,from=build,source=/app/dist,target=/dist cp -r /dist /srv\n` },
    { name: 'a cache mount without from', code: 'FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir flask==3.1.0\n' },
    { name: 'a variable is resolved at build time', code: 'ARG BUILDER=build\nFROM alpine:3.23\nCOPY --from=${BUILDER} /out /out\n' },
    { name: 'a line continuation between the flags', code: `${BUILD}FROM nginx:1.30-alpine\nCOPY --from=build \\\n     /app/dist /usr/share/nginx/html\n` },
  ],
  invalid: [
    {
      name: 'a typo in the stage name',
      code: `${BUILD}FROM nginx:1.30-alpine\nCOPY --from=buid /app/dist /usr/share/nginx/html\n`,
      errors: [
        {
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 17,
          message: '`--from=buid` is not a stage of this Dockerfile, so Docker pulls an image called `buid`. Did you mean `build`? If you meant an image, write it with a tag: `buid:<version>`.',
        },
      ],
    },
    {
      name: 'an image without a tag, no named stages',
      code: 'FROM alpine:3.23\nCOPY --from=nginx /etc/nginx/nginx.conf /etc/nginx/\n',
      errors: [{ line: 2, column: 13, endColumn: 18, message: 'No earlier stage has a name (`FROM ... AS <name>`). If you meant an image, write it with a tag: `nginx:<version>`.' }],
    },
    {
      name: 'the earlier stages are listed when nothing is close',
      code: `${BUILD}FROM golang:1.27 AS api\nFROM alpine:3.23\nCOPY --from=frontend /app/dist /srv\n`,
      errors: [{ line: 6, column: 13, message: 'The earlier stages are `build`, `api`.' }],
    },
    {
      name: 'COPY --from the stage being built (DL3023)',
      code: 'FROM python:3.13-slim AS app\nRUN pip wheel -w /wheels flask==3.1.0\nCOPY --from=app /wheels /wheels\n',
      errors: [{ line: 3, column: 13, endColumn: 16, message: '`--from=app` is the stage being built, which cannot copy from itself.' }],
    },
    {
      name: 'the current stage by index',
      code: 'FROM alpine:3.23 AS base\nFROM alpine:3.23\nCOPY --from=1 /etc/os-release /tmp/\n',
      errors: [{ line: 3, column: 13, endColumn: 14, message: 'is the stage being built' }],
    },
    {
      name: 'a stage defined further down',
      code: 'FROM nginx:1.30-alpine AS web\nCOPY --from=build /app/dist /usr/share/nginx/html\n\nFROM node:22-bookworm-slim AS build\nRUN npm ci && npm run build\n',
      errors: [{ line: 2, column: 13, endColumn: 18, message: '`--from=build` refers to a stage defined further down (line 4). Move that stage above this one' }],
    },
    {
      name: 'a later stage by index, and an index out of range',
      code: 'FROM alpine:3.23 AS a\nCOPY --from=1 /x /x\nCOPY --from=7 /y /y\nFROM alpine:3.23 AS b\n',
      errors: [
        { line: 2, column: 13, endColumn: 14, message: '`--from=1` refers to `b` (stage 1), defined further down.' },
        { line: 3, column: 13, endColumn: 14, message: '`--from=7` is no stage: this Dockerfile has 2 (0 to 1).' },
      ],
    },
    {
      name: 'RUN --mount from an unknown stage',
      code: `${BUILD}FROM node:22-bookworm-slim\nRUN --mount=type=bind,from=bulid,source=/app/dist,target=/dist cp -r /dist /srv\n`,
      errors: [{ line: 5, column: 28, endColumn: 33, message: '`from=bulid` is not a stage of this Dockerfile, so Docker pulls an image called `bulid`. Did you mean `build`?' }],
    },
    {
      name: 'after other flags, with the backtick escape character',
      code: '# escape=`\nFROM mcr.microsoft.com/dotnet/sdk:9.0 AS build\nRUN dotnet publish -c Release -o /out\nFROM mcr.microsoft.com/dotnet/aspnet:9.0\nCOPY --chown=app --from=biuld /out /app\n',
      errors: [{ line: 5, column: 25, endColumn: 30, message: 'Did you mean `build`?' }],
    },
  ],
});
