import rule from '../../../src/engine/rules/redundant-target-platform.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'no flag', code: 'FROM alpine:3.20\n' },
    { name: 'the build platform', code: 'FROM --platform=$BUILDPLATFORM golang:1.27 AS build\n' },
    { name: 'a constant (another rule)', code: 'FROM --platform=linux/amd64 alpine:3.20\n' },
    { name: 'more than the variable', code: 'FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n' },
    { name: 'TARGETOS alone is not the whole platform', code: 'FROM --platform=$TARGETOS/amd64 alpine:3.20\n' },
    { name: 'TARGETPLATFORM given a default above: it means something else', code: 'ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3.20\n' },
  ],
  invalid: [
    {
      name: '$TARGETPLATFORM',
      code: 'FROM --platform=$TARGETPLATFORM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n',
      errors: [{ line: 1, column: 6, endLine: 1, endColumn: 32, message: '`--platform=$TARGETPLATFORM` is what FROM does without it' }],
      output: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n',
    },
    {
      name: '${TARGETPLATFORM}, lower case, with a stage name',
      code: 'from --platform=${TARGETPLATFORM} alpine:3.20 as base\n',
      errors: [{ line: 1, column: 6 }],
      output: 'from alpine:3.20 as base\n',
    },
    {
      name: 'the flag alone on a continued line',
      code: 'FROM --platform=$TARGETPLATFORM \\\n    alpine:3.20\nRUN true\n',
      errors: [{ line: 1, column: 6 }],
      output: 'FROM alpine:3.20\nRUN true\n',
    },
    {
      name: 'an ARG TARGETPLATFORM without a value changes nothing',
      code: 'ARG TARGETPLATFORM\nFROM --platform=$TARGETPLATFORM alpine:3.20\n',
      errors: [{ line: 2, column: 6 }],
      output: 'ARG TARGETPLATFORM\nFROM alpine:3.20\n',
    },
  ],
});
