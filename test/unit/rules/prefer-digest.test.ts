import rule from '../../../src/engine/rules/prefer-digest.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

const D = 'sha256:4c2cf9917bd1cbacc5e9b07320025bdb7cdf2df7b0ceaccb55e9dd7e30987419';

runRuleTests(rule, {
  valid: [
    { code: `FROM python:3.13-slim@${D}\n` },
    { name: 'builder stages are not shipped', code: `FROM golang:1.23 AS build\nFROM gcr.io/distroless/static-debian12@${D}\nCOPY --from=build /app /app\n` },
    { name: 'latest is reported by no-latest-tag instead', code: 'FROM python:latest\n' },
    { name: 'untagged is reported by no-untagged-base instead', code: 'FROM python\n' },
    { code: 'FROM scratch\n' },
  ],
  invalid: [
    { code: 'FROM python:3.13-slim\n', errors: [{ line: 1, column: 6, endColumn: 22, message: 'python:3.13-slim@sha256:<digest>' }] },
    {
      name: 'the final stage built on an earlier stage: the root base counts',
      code: 'FROM node:22-slim AS base\nFROM base\n',
      errors: [{ line: 1, column: 6 }],
    },
    { name: 'ARG-built tag', code: 'ARG V=1.27\nFROM nginx:${V}\n', errors: [{ line: 2, column: 6, message: '`nginx:1.27`' }] },
  ],
});
