import rule from '../../../src/engine/rules/instruction-casing.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'all upper case', code: 'ARG V=1\nFROM golang:1.27 AS build\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /out /out\n' },
    { name: 'all lower case', code: 'from alpine:3.20 as base\nrun echo hello > /greeting.txt\nentrypoint ["cat", "/greeting.txt"]\n' },
    { name: 'stage names with digits, dashes and dots', code: 'FROM alpine:3.20 AS build-1.2_x\n' },
    { name: 'ONBUILD keeps its own instruction as written', code: 'FROM alpine:3.20\nONBUILD run echo child\n' },
    { name: 'arguments in any case', code: 'FROM alpine:3.20\nRUN echo FROM From from\nENV Mixed=Case\n' },
    { name: 'a stage name with a variable is not a casing matter', code: 'FROM alpine:3.20 AS release-${TARGETARCH}\n' },
    { name: 'a lower-case base image that looks like a keyword', code: 'FROM run:1\n' },
  ],
  invalid: [
    {
      name: 'mixed-case keywords',
      code: 'From alpine:3.20\nRun echo hello > /greeting.txt\nEntRYpOiNT ["cat", "/greeting.txt"]\nCMD ["x"]\n',
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 5, message: '`From` mixes upper and lower case: write `FROM`' },
        { line: 2, column: 1, message: 'write `RUN`' },
        { line: 3, column: 1, message: 'write `ENTRYPOINT`' },
      ],
      output: 'FROM alpine:3.20\nRUN echo hello > /greeting.txt\nENTRYPOINT ["cat", "/greeting.txt"]\nCMD ["x"]\n',
    },
    {
      name: 'the minority follows the majority',
      code: 'from alpine:3.20\nrun apk add --no-cache curl\nCOPY app /app\ncmd ["/app"]\n',
      errors: [{ line: 3, column: 1, message: 'This file writes its instructions in lower case: write `copy`, not `COPY`.' }],
      output: 'from alpine:3.20\nrun apk add --no-cache curl\ncopy app /app\ncmd ["/app"]\n',
    },
    {
      name: 'a tie goes to upper case',
      code: 'FROM alpine:3.20\nrun true\n',
      errors: [{ line: 2, column: 1, message: 'in upper case: write `RUN`' }],
      output: 'FROM alpine:3.20\nRUN true\n',
    },
    {
      name: 'FROM ... as',
      code: 'FROM debian:12-slim as builder\nRUN true\n',
      errors: [{ line: 1, column: 21, endColumn: 23, message: '`as` does not match the case of `FROM`: write `AS`.' }],
      output: 'FROM debian:12-slim AS builder\nRUN true\n',
    },
    {
      name: 'from ... AS',
      code: 'from debian:12-slim AS builder\nrun true\n',
      errors: [{ line: 1, column: 21, message: 'write `as`' }],
      output: 'from debian:12-slim as builder\nrun true\n',
    },
    {
      name: 'AS follows the case FROM is fixed to',
      code: 'from alpine:3.20 as base\nRUN true\nCMD ["x"]\n',
      errors: [
        { line: 1, column: 1, message: 'write `FROM`' },
        { line: 1, column: 18, message: 'write `AS`' },
      ],
      output: 'FROM alpine:3.20 AS base\nRUN true\nCMD ["x"]\n',
    },
    {
      name: 'an upper-case stage name and its references',
      code: 'FROM golang:1.27 AS BuilderBase\nRUN go build -o /out/app .\nFROM BuilderBase AS test\nRUN go test ./...\nFROM alpine:3.20\nCOPY --from=builderbase /out/app /app\nCOPY --from=BUILDERBASE /out/app /app2\n',
      errors: [{ line: 1, column: 21, endColumn: 32, message: 'Stage names are lower case: write `builderbase`.' }],
      output: 'FROM golang:1.27 AS builderbase\nRUN go build -o /out/app .\nFROM builderbase AS test\nRUN go test ./...\nFROM alpine:3.20\nCOPY --from=builderbase /out/app /app\nCOPY --from=builderbase /out/app /app2\n',
    },
    {
      name: 'the capstone of casing mistakes',
      code: 'FROM golang:1.27 as Build\nWORKDIR /src\nCopy . .\nFROM alpine:3.20\nCOPY --from=Build /src/app /app\n',
      errors: [
        { line: 1, column: 18, message: 'write `AS`' },
        { line: 1, column: 21, message: 'write `build`' },
        { line: 3, column: 1, message: 'write `COPY`' },
      ],
      output: 'FROM golang:1.27 AS build\nWORKDIR /src\nCOPY . .\nFROM alpine:3.20\nCOPY --from=build /src/app /app\n',
    },
  ],
});
