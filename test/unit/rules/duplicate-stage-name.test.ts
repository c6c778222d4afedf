import rule from '../../../src/engine/rules/duplicate-stage-name.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'unique names', code: 'FROM golang:1.27 AS api-build\nFROM node:22-bookworm-slim AS web-build\nFROM alpine:3.23\n' },
    { name: 'unnamed stages', code: 'FROM golang:1.27\nFROM alpine:3.23\n' },
    { name: 'a stage built on a stage of another name', code: 'FROM alpine:3.23 AS base\nFROM base AS final\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:trixie-slim AS builder\nRUN apt-get update\n\nFROM golang:1.27 AS builder\n',
      errors: [
        {
          line: 4,
          column: 21,
          endLine: 4,
          endColumn: 28,
          message: 'The stage name `builder` is already used by the stage on line 1 (names are compared without case), so `--from`, `FROM` and `--target` cannot tell them apart.',
        },
      ],
    },
    {
      name: 'names differ only in case',
      code: 'FROM golang:1.27 AS Build\nFROM node:22-bookworm-slim as build\n',
      errors: [{ line: 2, column: 31, endColumn: 36, message: '`build` is already used by the stage on line 1' }],
    },
    {
      name: 'every repeat is reported against the first',
      code: 'FROM alpine:3.23 AS x\nFROM alpine:3.23 AS x\nFROM --platform=$BUILDPLATFORM alpine:3.23 AS x\n',
      errors: [
        { line: 2, column: 21, message: 'line 1' },
        { line: 3, column: 47, endColumn: 48, message: 'line 1' },
      ],
    },
  ],
});
