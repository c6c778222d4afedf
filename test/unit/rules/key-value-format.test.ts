import rule from '../../../src/engine/rules/key-value-format.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'KEY=value', code: 'FROM node:24-slim\nENV NODE_ENV=production PORT=8080\nLABEL org.opencontainers.image.title="Orders API"\n' },
    { name: 'a quoted key with an equals sign', code: 'FROM alpine:3.20\nLABEL "com.example.vendor"="ACME Inc."\n' },
    { name: 'a value with spaces in quotes, across lines', code: 'FROM alpine:3.20\nENV DEPS="\\\n    curl \\\n    git"\n' },
    { name: 'ARG declares several names', code: 'FROM alpine:3.20\nARG TARGETOS TARGETARCH\n' },
    { name: 'ARG without a default', code: 'FROM alpine:3.20\nARG GIT_COMMIT\n' },
    { name: 'ARG with defaults', code: 'ARG GO_VERSION=1.27 VARIANT=bookworm\nFROM golang:${GO_VERSION}-${VARIANT}\n' },
    { name: 'ENV in a RUN is shell text', code: 'FROM alpine:3.20\nRUN env FOO bar\n' },
    { name: 'lower-case keywords, new form', code: 'from alpine:3.20\nenv a=b\n' },
  ],
  invalid: [
    {
      name: 'ENV PORT 8080',
      code: 'FROM node:24-slim\nENV PORT 8080\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 14, message: '`ENV PORT <value>` is the deprecated legacy form: everything after the name, spaces included, becomes one value. Write `ENV PORT=8080`.' }],
      output: 'FROM node:24-slim\nENV PORT=8080\n',
    },
    {
      name: 'a value with spaces is quoted',
      code: 'FROM python:3.13-slim\nENV GUNICORN_CMD_ARGS --workers 3 --bind 0.0.0.0:$PORT\n',
      errors: [{ line: 2, column: 1, message: 'Write `ENV GUNICORN_CMD_ARGS="--workers 3 --bind 0.0.0.0:$PORT"`' }],
      output: 'FROM python:3.13-slim\nENV GUNICORN_CMD_ARGS="--workers 3 --bind 0.0.0.0:$PORT"\n',
    },
    {
      name: 'the trap: a second pair on a legacy line is part of the value',
      code: 'FROM node:24-slim\nENV NODE_ENV production PORT=8080\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM node:24-slim\nENV NODE_ENV="production PORT=8080"\n',
    },
    {
      name: 'a quoted value without spaces outside the quotes',
      code: 'FROM alpine:3.20\nLABEL description "An API, in Go"\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nLABEL description="An API, in Go"\n',
    },
    {
      name: 'quotes and spaces mixed: reported, not rewritten',
      code: 'FROM alpine:3.20\nLABEL description "An API" in Go\n',
      errors: [{ line: 2, column: 1, message: 'in quotes if the value has spaces' }],
      output: 'FROM alpine:3.20\nLABEL description "An API" in Go\n',
    },
    {
      name: 'a quote left open in the key: reported, not rewritten (the new quotes would pair with it)',
      code: 'FROM alpine:3.20\nLABEL "vendor ACME   Inc\n',
      errors: [{ line: 2, column: 1, message: 'in quotes if the value has spaces' }],
      output: 'FROM alpine:3.20\nLABEL "vendor ACME   Inc\n',
    },
    {
      name: 'a quoted key with a spaced value is rewritten',
      code: 'FROM alpine:3.20\nLABEL "com.example.vendor" ACME Inc\n',
      errors: [{ line: 2, column: 1, message: 'Write `LABEL "com.example.vendor"="ACME Inc"`' }],
      output: 'FROM alpine:3.20\nLABEL "com.example.vendor"="ACME Inc"\n',
    },
    {
      name: 'a multi-line value keeps its lines (and their leading blanks, as the legacy form did)',
      code: 'FROM debian:12-slim\nENV DEPS \\\n    curl \\\n    git\n',
      errors: [{ line: 2, column: 1, endLine: 4, endColumn: 8 }],
      output: 'FROM debian:12-slim\nENV DEPS="curl \\\n    git"\n',
    },
    {
      name: 'lower case',
      code: 'from alpine:3.20\nenv PORT 8080\n',
      errors: [{ line: 2, column: 1, message: 'Write `env PORT=8080`' }],
      output: 'from alpine:3.20\nenv PORT=8080\n',
    },
    {
      name: 'ENV without a value',
      code: 'FROM alpine:3.20\nENV DEBUG\n',
      errors: [{ line: 2, column: 1, message: 'has no value, which Docker rejects' }],
      output: 'FROM alpine:3.20\nENV DEBUG\n',
    },
    {
      name: 'ARG NAME value declares two ARGs',
      code: 'ARG NODE_VERSION 22.11.0\nFROM node:${NODE_VERSION}-slim\nARG APP_URL https://example.com/app\n',
      errors: [
        { line: 1, column: 1, message: 'this line declares two ARGs, `NODE_VERSION` without a default and one named `22.11.0`' },
        { line: 3, column: 1, message: 'For a default, write `ARG APP_URL=https://example.com/app`' },
      ],
      output: 'ARG NODE_VERSION=22.11.0\nFROM node:${NODE_VERSION}-slim\nARG APP_URL=https://example.com/app\n',
    },
    {
      name: 'Windows escape character',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENV APP_HOME C:\\app\n',
      errors: [{ line: 3, column: 1 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENV APP_HOME=C:\\app\n',
    },
  ],
});
