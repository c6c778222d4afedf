import rule from '../../../src/engine/rules/undefined-arg-in-from.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'declared with a default', code: 'ARG PYTHON_VERSION=3.13\nFROM python:${PYTHON_VERSION}-slim\n' },
    { name: 'declared without a default is another rule\'s case', code: 'ARG VARIANT\nFROM node:22${VARIANT}\n' },
    { name: 'BuildKit\'s platform ARGs are predefined', code: 'FROM --platform=$BUILDPLATFORM golang:1.27 AS build\nFROM --platform=${TARGETPLATFORM} alpine:3.23\n' },
    {
      name: 'platform ARGs in the image name pick a stage',
      code: 'FROM alpine:3.23 AS base-amd64\nFROM alpine:3.23 AS base-arm64\nFROM base-${TARGETARCH}${TARGETVARIANT}\n',
    },
    { name: 'a default in the reference itself', code: 'FROM alpine:${ALPINE_VERSION:-3.23}\n' },
    { name: 'no variables', code: 'FROM python:3.13-slim\n' },
    { name: 'variables after FROM are not this rule\'s business', code: 'FROM python:3.13-slim\nARG APP_HOME=/app\nWORKDIR $APP_HOME\n' },
  ],
  invalid: [
    {
      name: 'never declared',
      code: 'FROM node:22${VARIANT} AS web\nCMD ["node", "server.js"]\n',
      errors: [
        {
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 23,
          message: '`VARIANT` is not declared by an ARG before the first FROM, so it expands to nothing and the base becomes `node:22`. Declare it before the first FROM, with a default: `ARG VARIANT=<value>`.',
        },
      ],
    },
    {
      name: 'declared inside a stage, where FROM cannot see it',
      code: 'FROM alpine:3.23 AS base\nARG NODE_VERSION=22\nFROM node:$NODE_VERSION-alpine\n',
      errors: [{ line: 3, column: 11, endColumn: 24, message: 'The `ARG NODE_VERSION` on line 2 is inside a stage, where FROM cannot see it' }],
    },
    {
      name: 'a misspelt platform ARG in --platform',
      code: 'FROM --platform=$BUILDPLATFROM golang:1.27 AS build\n',
      errors: [{ line: 1, column: 17, endColumn: 31, message: '`BUILDPLATFROM` in `--platform` is not declared by an ARG before the first FROM, so the platform expands to nothing. Did you mean `BUILDPLATFORM`?' }],
    },
    {
      name: 'a misspelt global ARG',
      code: 'ARG PYTHON_VERSION=3.13\nFROM python:${PYTON_VERSION}-slim\n',
      errors: [{ line: 2, column: 13, endColumn: 29, message: 'Did you mean `PYTHON_VERSION`?' }],
    },
    {
      name: 'several variables, each reported where it is',
      code: 'ARG TAG=1.4\nFROM ${REGISTRY}/${IMAGE}:${TAG}\n',
      errors: [
        { line: 2, column: 6, endColumn: 17, message: '`REGISTRY`' },
        { line: 2, column: 18, endColumn: 26, message: '`IMAGE`' },
      ],
    },
    {
      name: 'across a line continuation',
      code: 'FROM \\\n  python:${PY}-slim\n',
      errors: [{ line: 2, column: 10, endColumn: 15, message: '`PY`' }],
    },
  ],
});
