import rule from '../../../src/engine/rules/from-platform-const.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'no flag', code: 'FROM nginx:1.30-alpine\n' },
    { name: 'the build platform', code: 'FROM --platform=$BUILDPLATFORM golang:1.27 AS build\n' },
    { name: 'a variable in braces', code: 'FROM --platform=${BUILDPLATFORM} golang:1.27 AS build\n' },
    { name: 'a variable part', code: 'ARG ARCH=arm64\nFROM --platform=linux/${ARCH} alpine:3.20\n' },
    {
      name: 'stages named after their platform (the BuildKit pattern)',
      code: 'FROM --platform=linux/amd64 alpine:3.20 AS build_amd64\nFROM --platform=linux/arm64 alpine:3.20 AS build_arm64\nFROM build_${TARGETARCH} AS build\n',
    },
    { name: 'a name with the OS', code: 'FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS windows-tools\n' },
    { name: 'not a platform at all: the build fails anyway', code: 'FROM --platform=linux/amd64/v3/extra alpine:3.20\n' },
  ],
  invalid: [
    {
      name: 'pinned to amd64',
      code: 'FROM --platform=linux/amd64 nginx:1.30-alpine\nCOPY dist/ /usr/share/nginx/html/\n',
      errors: [{ line: 1, column: 6, endLine: 1, endColumn: 28, message: '`--platform=linux/amd64` builds this stage for linux/amd64 whatever platform the build asks for' }],
    },
    {
      name: 'a builder stage pinned to arm64, with a name that says nothing',
      code: 'FROM --platform=linux/arm64/v8 golang:1.27 AS build\nFROM alpine:3.20\n',
      errors: [{ line: 1, column: 6, message: 'e.g. `AS build-arm64`' }],
    },
    {
      name: 'OS only',
      code: 'from --platform=linux alpine:3.20\n',
      errors: [{ line: 1, column: 6, message: 'AS build-linux' }],
    },
  ],
});
