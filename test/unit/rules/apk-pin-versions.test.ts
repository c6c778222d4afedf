import rule from '../../../src/engine/rules/apk-pin-versions.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.11.1-r0 ca-certificates=20241121-r1\n' },
    { name: 'fuzzy pin to a minor version', code: 'FROM alpine:3.20\nRUN apk add --no-cache "nodejs~20.15"\n' },
    { name: 'the --virtual name is not a package', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0\n' },
    { name: 'local .apk files', code: 'FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/app-1.0.apk\n' },
    { name: 'variables are unknown here', code: 'FROM alpine:3.20\nARG RUNTIME_DEPS\nRUN apk add --no-cache $RUNTIME_DEPS\n' },
    { name: 'apk del and apk update name no new packages', code: 'FROM alpine:3.20\nRUN apk update && apk del .build-deps && apk upgrade --no-cache\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
      errors: [{ line: 2, column: 24, endLine: 2, endColumn: 28, message: 'Pin `curl` to a version: `curl=<version>`' }],
    },
    {
      name: 'a lower bound pins nothing',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache "python3>=3.12"\n',
      errors: [{ line: 2, column: 24, endColumn: 39, message: 'is a range, not a pin' }],
    },
    {
      name: 'repository tag without a version; multi-line with --virtual',
      code:
        'FROM python:3.13-alpine\n' +
        'RUN apk add --no-cache --virtual .build-deps \\\n' +
        '        gcc=13.2.1_git20240309-r0 \\\n' +
        '        musl-dev \\\n' +
        '    && pip install --no-cache-dir -r requirements.txt \\\n' +
        '    && apk del .build-deps \\\n' +
        '    && apk add --no-cache libpq@edge\n',
      errors: [
        { line: 4, column: 9, endColumn: 17, message: '`musl-dev`' },
        { line: 7, column: 27, endColumn: 37, message: '`libpq`' },
      ],
    },
    {
      name: 'builder stages too; sudo',
      code: 'FROM golang:1.23-alpine AS build\nRUN sudo apk add git\nFROM scratch\nCOPY --from=build /app /app\n',
      errors: [{ line: 2, column: 18, endColumn: 21 }],
    },
    {
      name: 'heredoc with a comment line',
      code: 'FROM alpine:3.20\nRUN <<EOF\n# runtime tools\napk add --no-cache tini\nEOF\n',
      errors: [{ line: 4, column: 20, endColumn: 24 }],
    },
  ],
});
