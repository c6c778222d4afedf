import rule from '../../../src/engine/rules/consecutive-run.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM debian:12\nRUN useradd app && mkdir /data\n' },
    { name: 'another instruction between', code: 'FROM debian:12\nRUN useradd app\nWORKDIR /app\nRUN mkdir data\n' },
    { name: 'flags make a RUN different', code: 'FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\nRUN python -m compileall /app\n' },
    { name: 'a long RUN was split on purpose', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN useradd app\n' },
    { name: 'exec form and heredocs', code: 'FROM debian:12\nRUN ["useradd", "app"]\nRUN mkdir /data\nRUN <<EOF\nmkdir /logs\nEOF\n' },
    { name: 'builder stages are thrown away', code: 'FROM golang:1.23 AS build\nRUN go mod download\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'a new stage starts fresh', code: 'FROM debian:12 AS base\nRUN useradd app\nFROM base\nRUN mkdir /data\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN useradd app\nRUN mkdir /data\n',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 4, message: 'directly follows the RUN on line 2' }],
    },
    {
      name: 'comments between do not separate; a chain of three reports two',
      code: 'FROM python:3.13-slim\nRUN useradd app\n# data directory\nRUN mkdir /data \\\n && chown app /data\nrun echo done\n',
      errors: [
        { line: 4, column: 1, endColumn: 4 },
        { line: 6, column: 1, endColumn: 4, message: 'line 4' },
      ],
    },
    {
      name: 'a stage the final stage builds on, escape directive',
      code: '# escape=`\nFROM debian:12 AS base\nRUN groupadd app\nRUN useradd -g app `\n    app\nFROM base\nCMD ["/app"]\n',
      errors: [{ line: 4, column: 1 }],
    },
  ],
});
