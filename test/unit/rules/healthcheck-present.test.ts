import rule from '../../../src/engine/rules/healthcheck-present.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n' },
    { name: 'HEALTHCHECK NONE is a decision', code: 'FROM python:3.13-slim\nEXPOSE 8000\nHEALTHCHECK NONE\nCMD ["gunicorn", "app:app"]\n' },
    { name: 'a CLI image serves nothing', code: 'FROM python:3.13-slim\nCOPY tool.py /usr/local/bin/tool\nENTRYPOINT ["tool"]\n' },
    { name: 'a builder stage needs none', code: 'FROM node:22 AS build\nEXPOSE 3000\nRUN npm ci\nFROM alpine:3.20\nCOPY --from=build /app/dist /dist\n' },
    {
      name: 'HEALTHCHECK in the stage the final one builds on',
      code: 'FROM python:3.13-slim AS base\nHEALTHCHECK CMD python -c "import urllib.request as u; u.urlopen(\'http://localhost:8000/\')"\nFROM base\nEXPOSE 8000\n',
    },
    { name: 'lower-case healthcheck with options', code: 'FROM node:22-alpine\nexpose 3000\nhealthcheck --interval=10s --retries=3 CMD wget -q --spider http://localhost:3000/\n' },
  ],
  invalid: [
    {
      name: 'EXPOSE without HEALTHCHECK, curl available',
      code: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 16, message: 'serves port 80 but has no HEALTHCHECK' }],
    },
    {
      name: 'the base image exposes the port (nginx-unprivileged, 8080)',
      code: 'FROM nginxinc/nginx-unprivileged:1.27\nCOPY site/ /usr/share/nginx/html/\n',
      errors: [{ line: 1, column: 1, message: 'curl -f http://localhost:8080/' }],
    },
    {
      name: 'alpine has wget only: the advice uses it',
      code: 'FROM node:22-alpine\nEXPOSE 3000/tcp\nCMD ["node", "server.js"]\n',
      errors: [{ line: 1, column: 1, message: 'wget -q --spider http://localhost:3000/' }],
    },
    {
      name: 'slim images have neither tool',
      code: 'FROM python:3.13-slim\nEXPOSE 8000\n',
      errors: [{ line: 1, column: 1, message: 'after installing curl' }],
    },
    {
      name: 'distroless: a check built into the app',
      code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nEXPOSE 8080\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 1, column: 1, message: 'this image has no shell, curl or wget' }],
    },
    {
      name: 'multi-stage: reported on the final FROM',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 9000\n',
      errors: [{ line: 3, column: 1, endColumn: 17 }],
    },
    {
      name: 'port from an ARG default',
      code: 'FROM node:22-alpine\nARG PORT=3000\nEXPOSE $PORT\n',
      errors: [{ line: 1, column: 1, message: 'serves port 3000' }],
    },
  ],
});
