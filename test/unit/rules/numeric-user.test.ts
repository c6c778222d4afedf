import rule from '../../../src/engine/rules/numeric-user.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM python:3.13-slim\nUSER 10001\n' },
    { name: 'numeric user, named group', code: 'FROM python:3.13-slim\nUSER 10001:app\n' },
    { name: 'numeric with group 0', code: 'FROM python:3.13-slim\nUSER 10001:0\n' },
    { name: 'root is user-not-root’s finding', code: 'FROM python:3.13-slim\nUSER root\n' },
    { name: 'no USER on a root image', code: 'FROM python:3.13-slim\nCOPY . /app\n' },
    { name: 'base image with a numeric user', code: 'FROM nginxinc/nginx-unprivileged:1.27\nCOPY site/ /usr/share/nginx/html/\n' },
    { name: 'distroless nonroot is numeric', code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n' },
    { name: 'named user in a builder stage only', code: 'FROM node:22 AS build\nUSER node\nRUN npm ci\nFROM node:22-alpine\nUSER 10001\n' },
    { name: 'numeric through an ARG default', code: 'FROM python:3.13-slim\nARG UID=10001\nUSER $UID\n' },
    { name: 'unresolvable variable', code: 'FROM python:3.13-slim\nARG APP_USER\nUSER ${APP_USER}\n' },
  ],
  invalid: [
    {
      name: 'a user created with a fixed UID: fixed to the number',
      code: 'FROM python:3.13-slim\nRUN useradd --create-home --uid 10001 app\nUSER app\nCMD ["python", "app.py"]\n',
      errors: [{ line: 3, column: 6, endLine: 3, endColumn: 9, message: 'Write `USER 10001` (app\'s UID)' }],
      output: 'FROM python:3.13-slim\nRUN useradd --create-home --uid 10001 app\nUSER 10001\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'Alpine adduser -u, with a group kept',
      code: 'FROM alpine:3.20\nRUN addgroup -S app && adduser -S -D -u 10002 -G app app\nUSER app:app\n',
      errors: [{ line: 3, column: 6, endColumn: 9, message: 'USER 10002:app' }],
      output: 'FROM alpine:3.20\nRUN addgroup -S app && adduser -S -D -u 10002 -G app app\nUSER 10002:app\n',
    },
    {
      name: '--uid=N in a continued RUN',
      code: 'FROM debian:12-slim\nRUN groupadd --gid 10001 web \\\n && useradd --uid=10001 --gid web --shell /usr/sbin/nologin web\nUSER web\n',
      errors: [{ line: 4, column: 6, endColumn: 9 }],
      output: 'FROM debian:12-slim\nRUN groupadd --gid 10001 web \\\n && useradd --uid=10001 --gid web --shell /usr/sbin/nologin web\nUSER 10001\n',
    },
    {
      name: 'a user the base image has (node is 1000 in the node image)',
      code: 'FROM node:22-bookworm-slim\nUSER node\nCMD ["node", "server.js"]\n',
      errors: [{ line: 2, column: 6, endColumn: 10, message: "Write `USER 1000` (node's UID)" }],
      output: 'FROM node:22-bookworm-slim\nUSER 1000\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'UID unknown: reported without a fix',
      code: 'FROM python:3.13-slim\nRUN useradd --create-home app\nUSER app\n',
      errors: [{ line: 3, column: 6, message: 'Give the account a fixed UID (`useradd --uid 10001 app`)' }],
      output: 'FROM python:3.13-slim\nRUN useradd --create-home app\nUSER app\n',
    },
    {
      name: 'user created in a builder stage does not count',
      code: 'FROM debian:12 AS build\nRUN useradd -u 10001 app\nFROM debian:12-slim\nUSER app\n',
      errors: [{ line: 4, column: 6 }],
      output: 'FROM debian:12 AS build\nRUN useradd -u 10001 app\nFROM debian:12-slim\nUSER app\n',
    },
    {
      name: 'USER in the stage the final one builds on',
      code: 'FROM python:3.13-slim AS base\nRUN useradd -u 10001 app\nUSER app\nFROM base\nCOPY . /app\n',
      errors: [{ line: 3, column: 6 }],
      output: 'FROM python:3.13-slim AS base\nRUN useradd -u 10001 app\nUSER 10001\nFROM base\nCOPY . /app\n',
    },
    {
      name: 'distroless: no useradd advice, a numeric UID instead',
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER app\n',
      errors: [{ line: 3, column: 6, endColumn: 9, message: "This image has no shell to create accounts in, and a numeric USER needs none: write `USER 65532` (the image's nonroot account) or another fixed UID such as `USER 10001`" }],
      output: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER app\n',
    },
    {
      name: 'distroless nonroot by name: fixed to its UID',
      code: 'FROM gcr.io/distroless/nodejs22-debian12\nUSER nonroot:nonroot\n',
      errors: [{ line: 2, column: 6, endColumn: 13, message: "Write `USER 65532:nonroot` (nonroot's UID)" }],
      output: 'FROM gcr.io/distroless/nodejs22-debian12\nUSER 65532:nonroot\n',
    },
    {
      name: 'scratch with a copied /etc/passwd: no useradd advice',
      code: 'FROM debian:12-slim AS build\nRUN useradd app\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\nUSER app\n',
      errors: [{ line: 5, column: 6, message: /no shell to create accounts in.*a fixed UID such as `USER 10001`/ }],
      output: 'FROM debian:12-slim AS build\nRUN useradd app\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\nUSER app\n',
    },
    {
      name: 'a named user through a variable: reported, the variable is left as written',
      code: 'FROM python:3.13-slim\nARG APP_USER=app\nRUN useradd -u 10001 ${APP_USER}\nUSER ${APP_USER}\n',
      errors: [{ line: 4, column: 6, endColumn: 17 }],
      output: 'FROM python:3.13-slim\nARG APP_USER=app\nRUN useradd -u 10001 ${APP_USER}\nUSER ${APP_USER}\n',
    },
  ],
});
