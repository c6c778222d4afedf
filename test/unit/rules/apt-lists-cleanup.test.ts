import rule from '../../../src/engine/rules/apt-lists-cleanup.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'other spellings of the cleanup', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get clean && rm -fr /var/lib/apt/lists\nRUN apt update && apt install -y git; rm -r /var/lib/apt/lists/ /tmp/*\n' },
    { name: 'a cache mount on /var/lib/apt', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && apt-get install -y curl\n' },
    { name: 'a builder stage is thrown away', code: 'FROM golang:1.23-bookworm AS build\nRUN apt-get update && apt-get install -y libsqlite3-dev\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /out /app\n' },
    { name: 'no update and no install', code: 'FROM debian:12\nRUN apt-get purge -y --auto-remove curl\n' },
    { name: 'heredoc with the cleanup', code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 23, endLine: 2, endColumn: 38, message: 'End this RUN with `&& rm -rf /var/lib/apt/lists/*`' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'the fix lands after the last line of a continued RUN',
      code: 'FROM python:3.13-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends \\\n      libpq5 \\\n && apt-get clean   \nCMD ["python"]\n',
      errors: [{ line: 3, column: 5, endColumn: 20 }],
      output: 'FROM python:3.13-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends \\\n      libpq5 \\\n && apt-get clean && rm -rf /var/lib/apt/lists/*   \nCMD ["python"]\n',
    },
    {
      name: 'a cleanup before the install does not count; a later RUN does not help',
      code: 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y tini;\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 2, column: 54, endColumn: 69 }],
      output: 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y tini; rm -rf /var/lib/apt/lists/*\nRUN rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'update alone; sudo; a cache mount elsewhere',
      code: 'FROM ubuntu:24.04\nRUN --mount=type=cache,target=/var/cache/apt sudo apt-get update\n',
      errors: [{ line: 2, column: 51, endColumn: 65 }],
      output: 'FROM ubuntu:24.04\nRUN --mount=type=cache,target=/var/cache/apt sudo apt-get update && sudo rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'escape directive, final stage of a multi-stage build, an if block',
      code: '# escape=`\nFROM node:22 AS build\nRUN npm ci\nFROM node:22-slim\nRUN if [ -n "$X" ]; then `\n      apt-get update && apt-get install -y tini; `\n    fi\n',
      errors: [{ line: 6, column: 25, endColumn: 40 }],
      output: '# escape=`\nFROM node:22 AS build\nRUN npm ci\nFROM node:22-slim\nRUN if [ -n "$X" ]; then `\n      apt-get update && apt-get install -y tini; `\n    fi && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'heredoc without cleanup: reported without a fix',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
      errors: [{ line: 4, column: 1, endColumn: 16 }],
    },
  ],
});
