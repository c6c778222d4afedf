import rule from '../../../src/engine/rules/apk-no-cache.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.11.1-r0\n' },
    { name: 'global option before the subcommand', code: 'FROM alpine:3.20\nRUN apk --no-cache add tini\n' },
    { name: 'cache deleted later in the same RUN', code: 'FROM alpine:3.20\nRUN apk update && apk add tini && rm -rf /var/cache/apk/*\n' },
    { name: 'a parent of the cache deleted', code: 'FROM alpine:3.20\nRUN apk add tini; rm -rf /var/cache\n' },
    { name: 'a build cache mount', code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk update && apk add tini\n' },
    { name: 'the /etc/apk/cache symlink target', code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache,sharing=locked apk add tini\n' },
    { name: 'a builder stage is thrown away', code: 'FROM golang:1.23-alpine AS build\nRUN apk add git\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'apk del writes no index', code: 'FROM alpine:3.20\nRUN apk del .build-deps\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add tini\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 12, message: 'Add `--no-cache` to `apk add`' }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache tini\n',
    },
    {
      name: 'deleting the cache before the add does not count (the update before it is covered)',
      code: 'FROM python:3.13-alpine\nRUN apk update && rm -rf /var/cache/apk/* \\\n && apk add --virtual .build-deps gcc musl-dev\n',
      errors: [{ line: 3, column: 5, endColumn: 12 }],
      output: 'FROM python:3.13-alpine\nRUN apk update && rm -rf /var/cache/apk/* \\\n && apk add --no-cache --virtual .build-deps gcc musl-dev\n',
    },
    {
      name: 'apk update alone',
      code: 'FROM alpine:3.20\nRUN apk update\nRUN apk add --no-cache tini\n',
      errors: [{ line: 2, column: 5, endColumn: 15, message: 'drop it and use `apk add --no-cache`' }],
    },
    {
      name: 'upgrade, sudo, a cache mount on another path',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache sudo apk upgrade\n',
      errors: [{ line: 2, column: 49, endColumn: 60 }],
      output: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache sudo apk upgrade --no-cache\n',
    },
    {
      name: 'heredoc script in the final stage of a multi-stage build',
      code: 'FROM node:22-alpine AS build\nRUN apk add python3 make g++\nFROM node:22-alpine\nRUN <<EOF\napk add tini\nEOF\n',
      errors: [{ line: 5, column: 1, endColumn: 8 }],
      output: 'FROM node:22-alpine AS build\nRUN apk add python3 make g++\nFROM node:22-alpine\nRUN <<EOF\napk add --no-cache tini\nEOF\n',
    },
  ],
});
