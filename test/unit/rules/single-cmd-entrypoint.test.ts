import rule from '../../../src/engine/rules/single-cmd-entrypoint.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'one of each', code: 'FROM python:3.13-slim\nENTRYPOINT ["tini", "--"]\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\nCMD ["python", "app.py"]\n' },
    { name: 'the CMD of a HEALTHCHECK is not a second CMD', code: 'FROM python:3.13-slim\nHEALTHCHECK --interval=1s CMD curl -f http://localhost:8080 || exit 1\nCMD python -m http.server 8080\n' },
    { name: 'each stage may set its own', code: 'FROM node:24 AS test\nCMD ["npm", "test"]\nFROM node:24-slim\nCMD ["node", "server.js"]\n' },
    { name: 'a stage built FROM another overrides its CMD on purpose', code: 'FROM python:3.13-slim AS base\nCMD ["python", "app.py"]\nFROM base AS worker\nCMD ["python", "worker.py"]\n' },
    { name: 'ONBUILD CMD belongs to the child image', code: 'FROM alpine:3.20\nONBUILD CMD ["echo", "child"]\nCMD ["echo", "parent"]\n' },
    { name: 'lower-case keywords, once each', code: 'from alpine:3.20\ncmd ["echo", "hi"]\nentrypoint ["/bin/sh", "-c"]\n' },
    { name: 'no stage at all', code: 'ARG A=1\n' },
  ],
  invalid: [
    {
      name: 'a debugging CMD left above the real one',
      code: 'FROM node:24-bookworm-slim\nCMD ["node", "--inspect=0.0.0.0:9229", "worker.js"]\nUSER node\nCMD ["node", "worker.js"]\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 52, message: 'Only the last CMD of a stage takes effect, so this one is replaced by the CMD on line 4' }],
      output: 'FROM node:24-bookworm-slim\nUSER node\nCMD ["node", "worker.js"]\n',
    },
    {
      name: 'three CMDs: the first two are reported',
      code: 'FROM alpine:3.20\nCMD echo "Hello, Norway!"\nCMD echo "Hello, Sweden!"\nCMD ["sleep", "infinity"]\n',
      errors: [
        { line: 2, column: 1, message: 'line 4' },
        { line: 3, column: 1, message: 'line 4' },
      ],
      output: 'FROM alpine:3.20\nCMD ["sleep", "infinity"]\n',
    },
    {
      name: 'ENTRYPOINT twice',
      code: 'FROM python:3.13-slim\nENTRYPOINT ["python"]\nENTRYPOINT ["tini", "--", "python"]\nCMD ["app.py"]\n',
      errors: [{ line: 2, column: 1, message: 'Only the last ENTRYPOINT' }],
      output: 'FROM python:3.13-slim\nENTRYPOINT ["tini", "--", "python"]\nCMD ["app.py"]\n',
    },
    {
      name: 'HEALTHCHECK over several lines, twice',
      code: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s \\\n  CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK NONE\n',
      errors: [{ line: 2, column: 1, endLine: 3, endColumn: 42, message: 'Only the last HEALTHCHECK' }],
      output: 'FROM nginx:1.27\nHEALTHCHECK NONE\n',
    },
    {
      name: 'the message names the winner as written, in any case',
      code: 'from alpine:3.20\ncmd ["a"]\ncmd ["b"]',
      errors: [{ line: 2, column: 1, message: 'replaced by the cmd on line 3' }],
      output: 'from alpine:3.20\ncmd ["b"]',
    },
    {
      name: 'the last line without a line break',
      code: 'FROM alpine:3.20\nCMD ["b"]\nENTRYPOINT ["x"]\nCMD ["a"]',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["x"]\nCMD ["a"]',
    },
    {
      name: 'CRLF line ends',
      code: 'FROM alpine:3.20\r\nCMD ["a"]\r\nCMD ["b"]\r\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\r\nCMD ["b"]\r\n',
    },
    {
      name: 'only the stage with two is reported',
      code: 'FROM golang:1.27 AS build\nCMD ["go", "test"]\nFROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\n',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM golang:1.27 AS build\nCMD ["go", "test"]\nFROM alpine:3.20\nCMD ["b"]\n',
    },
  ],
});
