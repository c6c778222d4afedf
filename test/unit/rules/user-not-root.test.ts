import rule from '../../../src/engine/rules/user-not-root.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'numeric non-root user', code: 'FROM python:3.13-slim\nRUN useradd --uid 10001 app\nUSER 10001\nCMD ["python", "app.py"]\n' },
    { name: 'named non-root user', code: 'FROM node:22-alpine\nUSER node\nCMD ["node", "server.js"]\n' },
    { name: 'USER root for a step, then back', code: 'FROM debian:12-slim\nUSER root\nRUN apt-get update\nUSER 10001:0\n' },
    { name: 'nginx-unprivileged already runs as 101', code: 'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\n' },
    { name: 'distroless :nonroot', code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'chainguard runtime image', code: 'FROM cgr.dev/chainguard/python:latest\nCOPY app.py /app/\n' },
    {
      name: 'builder stages may run as root',
      code: 'FROM golang:1.23 AS build\nUSER root\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\n',
    },
    {
      name: 'base stage built on a non-root image',
      code: 'FROM nginxinc/nginx-unprivileged:1.27 AS web\nFROM web\nCOPY site/ /usr/share/nginx/html/\n',
    },
    {
      name: 'USER set in the stage the final one builds on',
      code: 'FROM python:3.13-slim AS base\nRUN useradd --uid 10001 app\nUSER 10001\nFROM base\nCOPY . /app\n',
    },
    { name: 'USER through an ARG default', code: 'FROM python:3.13-slim\nARG UID=10001\nUSER ${UID}\n' },
    { name: 'USER with a build arg that has no default is unknown', code: 'FROM python:3.13-slim\nARG APP_UID\nUSER $APP_UID\n' },
    { name: 'entrypoint drops privileges with gosu', code: 'FROM debian:12-slim\nENTRYPOINT ["gosu", "app", "/usr/local/bin/server"]\n' },
    { name: 'su-exec behind tini', code: 'FROM alpine:3.20\nENTRYPOINT ["tini", "--", "su-exec", "app", "server"]\n' },
    { name: 'Windows images have their own users', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN mkdir C:\\app\n' },
    { name: 'lower-case instruction', code: 'from python:3.13-slim\nuser 10001\n' },
  ],
  invalid: [
    {
      name: 'no USER on a root image',
      code: 'FROM python:3.13-slim\nCOPY . /app\nCMD ["python", "/app/app.py"]\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 22, message: 'No USER in the final image: `python:3.13-slim` runs as root' }],
    },
    {
      name: 'the advice follows the package manager',
      code: 'FROM alpine:3.20\nCOPY app /app\n',
      errors: [{ line: 1, column: 1, message: 'adduser -D -u 10001 app' }],
    },
    {
      name: 'Debian advice',
      code: 'FROM debian:12-slim\nCOPY app /app\n',
      errors: [{ line: 1, column: 1, message: 'useradd --create-home --uid 10001 app' }],
    },
    {
      name: 'an unknown image is assumed to run as root, and said so',
      code: 'FROM registry.example.com/team/runtime:2.1\nCOPY app /app\n',
      errors: [{ line: 1, column: 1, message: 'runs as root unless its publisher set a USER' }],
    },
    {
      name: 'distroless root variant: numeric USER advice (no shell to create users)',
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\n',
      errors: [{ line: 1, column: 1, message: 'USER 65532:65532' }],
    },
    {
      name: 'scratch has no user at all',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 3, column: 1, endColumn: 13, message: 'an empty `scratch` image has no user' }],
    },
    {
      name: 'last USER is root',
      code: 'FROM python:3.13-slim\nRUN useradd --uid 10001 app\nUSER 10001\nRUN echo hi\nUSER root\nCMD ["python", "app.py"]\n',
      errors: [{ line: 5, column: 6, endLine: 5, endColumn: 10, message: 'The image ends running as root (`USER root`)' }],
    },
    { name: 'USER 0', code: 'FROM debian:12-slim\nUSER 0\n', errors: [{ line: 2, column: 6, endColumn: 7 }] },
    { name: 'USER root:root', code: 'FROM debian:12-slim\nUSER root:root\n', errors: [{ line: 2, column: 6, endColumn: 15 }] },
    { name: 'USER 0:0', code: 'FROM debian:12-slim\nUSER 0:0\n', errors: [{ line: 2, column: 6, endColumn: 9 }] },
    { name: 'USER through an ARG that resolves to root', code: 'FROM debian:12-slim\nARG RUN_AS=root\nUSER ${RUN_AS}\n', errors: [{ line: 3, column: 6 }] },
    {
      name: 'a non-root base image switched back to root',
      code: 'FROM nginxinc/nginx-unprivileged:1.27\nUSER root\nRUN apt-get update\n',
      errors: [{ line: 2, column: 6, message: 'USER root' }],
    },
    {
      name: 'final stage built on a root stage: the report is on the final FROM',
      code: 'FROM python:3.13-slim AS base\nRUN pip install gunicorn\nFROM base\nCOPY . /app\n',
      errors: [{ line: 3, column: 1, endColumn: 10, message: '`python:3.13-slim` runs as root' }],
    },
    {
      name: 'builder non-root does not make the final stage non-root',
      code: 'FROM node:22 AS build\nUSER node\nRUN npm ci\nFROM node:22-alpine\nCOPY --from=build /app /app\n',
      errors: [{ line: 4, column: 1 }],
    },
    {
      name: 'USER root in the stage the final one builds on',
      code: 'FROM python:3.13-slim AS base\nUSER root\nFROM base\nCOPY . /app\n',
      errors: [{ line: 2, column: 6, message: 'USER root' }],
    },
    {
      name: 'an ARG-built image is named as it resolves',
      code: 'ARG BASE=python:3.13-slim\nFROM ${BASE} AS base\nFROM base\nCOPY . /app\n',
      errors: [{ line: 3, column: 1, message: '`${BASE}` (`python:3.13-slim`) runs as root' }],
    },
    {
      name: 'line continuation inside FROM',
      code: 'FROM \\\n  python:3.13-slim\nCOPY . /app\n',
      errors: [{ line: 1, column: 1, endLine: 2, endColumn: 19 }],
    },
  ],
});
