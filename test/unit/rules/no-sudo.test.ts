import rule from '../../../src/engine/rules/no-sudo.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER 10001\n' },
    { name: 'USER root around a privileged step', code: 'FROM debian:12-slim\nUSER 10001\nUSER root\nRUN apt-get update\nUSER 10001\n' },
    { name: 'the word sudo as an argument', code: 'FROM debian:12-slim\nRUN echo "no sudo here" && grep -r sudo /etc/group || true\n' },
    { name: 'a package that only contains the word', code: 'FROM debian:12-slim\nRUN apt-get install -y sudo-ldap-docs\n' },
    { name: 'sudo installed in a builder stage only', code: 'FROM debian:12 AS build\nRUN apt-get install -y sudo\nFROM debian:12-slim\nCOPY --from=build /out /out\n' },
    { name: 'gosu, the tool made for this', code: 'FROM debian:12-slim\nENTRYPOINT ["gosu", "app", "server"]\n' },
  ],
  invalid: [
    {
      name: 'sudo after USER, no fix (the step runs as non-root)',
      code: 'FROM debian:12-slim\nUSER 10001\nRUN sudo apt-get update\n',
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 9, message: 'Run this step as root before `USER`' }],
      output: 'FROM debian:12-slim\nUSER 10001\nRUN sudo apt-get update\n',
    },
    {
      name: 'every sudo in a && chain, fixed where the step runs as root',
      code: 'FROM debian:12-slim\nRUN sudo apt-get update && sudo -E apt-get install -y curl\n',
      errors: [
        { line: 2, column: 5, endColumn: 9, message: 'This step already runs as root' },
        { line: 2, column: 28, endColumn: 32 },
      ],
      output: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'sudo -u changes the user: reported, not rewritten',
      code: 'FROM debian:12-slim\nRUN sudo -u postgres createdb app\n',
      errors: [{ line: 2, column: 5, endColumn: 9 }],
      output: 'FROM debian:12-slim\nRUN sudo -u postgres createdb app\n',
    },
    {
      name: 'explicit USER root makes the fix safe',
      code: 'FROM node:22-bookworm-slim\nUSER node\nUSER root\nRUN sudo npm install -g pm2\nUSER node\n',
      errors: [{ line: 4, column: 5 }],
      output: 'FROM node:22-bookworm-slim\nUSER node\nUSER root\nRUN npm install -g pm2\nUSER node\n',
    },
    {
      name: 'line continuations and ||, ;, pipes',
      code: 'FROM debian:12-slim\nRUN set -e; \\\n    sudo mkdir -p /data || \\\n    true | sudo tee /etc/motd\n',
      errors: [
        { line: 3, column: 5, endColumn: 9 },
        { line: 4, column: 12, endColumn: 16 },
      ],
      output: 'FROM debian:12-slim\nRUN set -e; \\\n    mkdir -p /data || \\\n    true | tee /etc/motd\n',
    },
    {
      name: 'heredoc script',
      code: 'FROM debian:12-slim\nRUN <<EOF\napt-get update\nsudo apt-get install -y curl\nEOF\n',
      errors: [{ line: 4, column: 1, endColumn: 5 }],
      output: 'FROM debian:12-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
    },
    {
      name: 'exec-form RUN: reported, never rewritten',
      code: 'FROM debian:12-slim\nRUN ["sudo", "apt-get", "update"]\n',
      errors: [{ line: 2, column: 6, endColumn: 12 }],
      output: 'FROM debian:12-slim\nRUN ["sudo", "apt-get", "update"]\n',
    },
    {
      name: 'builder stages are judged too (a build step behaves the same there)',
      code: 'FROM golang:1.23 AS build\nRUN sudo go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n',
      errors: [{ line: 2, column: 5, endColumn: 9 }],
      output: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n',
    },
    {
      name: 'installing sudo into the final image',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl sudo\nUSER 10001\n',
      errors: [{ line: 2, column: 71, endColumn: 75, message: 'This installs sudo into the image that ships' }],
      output: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl sudo\nUSER 10001\n',
    },
    {
      name: 'apk add sudo with a pinned version',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache sudo=1.9.15p5-r0\n',
      errors: [{ line: 2, column: 24, endColumn: 40, message: 'installs sudo' }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache sudo=1.9.15p5-r0\n',
    },
    {
      name: '# escape=` file',
      code: '# escape=`\nFROM debian:12-slim\nRUN sudo apt-get update && `\n    sudo apt-get install -y curl\n',
      errors: [
        { line: 3, column: 5, endColumn: 9 },
        { line: 4, column: 5, endColumn: 9 },
      ],
      output: '# escape=`\nFROM debian:12-slim\nRUN apt-get update && `\n    apt-get install -y curl\n',
    },
  ],
});
