import rule from '../../../src/engine/rules/group-zero-writable.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    {
      name: 'the OpenShift pattern',
      code: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY --chown=10001:0 . .\nRUN chmod -R g=u /app\nUSER 10001\n',
    },
    {
      name: 'mkdir, chown and chmod in one RUN',
      code: 'FROM debian:12-slim\nRUN mkdir -p /data && chown -R 10001:0 /data && chmod -R g=u /data\nUSER 10001\n',
    },
    { name: 'COPY --chmod with group write', code: 'FROM debian:12-slim\nCOPY --chown=10001:0 --chmod=775 data/ /srv/data/\nUSER 10001:0\n' },
    { name: 'octal mode with group write', code: 'FROM debian:12-slim\nRUN mkdir /data && chown 10001:root /data && chmod 2770 /data\nUSER 10001\n' },
    { name: 'chmod of a parent with -R', code: 'FROM debian:12-slim\nCOPY --chown=10001:0 cache/ /var/app/cache/\nRUN chmod -R ug+rwX /var/app\nUSER 10001\n' },
    { name: 'chmod of the directory the app writes, below the copied tree', code: 'FROM debian:12-slim\nWORKDIR /app\nCOPY --chown=10001:0 . .\nRUN chmod -R g=u /app/uploads\nUSER 10001\n' },
    { name: 'no chown at all: nothing shows what the app writes', code: 'FROM python:3.13-slim\nCOPY . /app\nUSER 10001\n' },
    { name: 'a named USER is numeric-user’s finding', code: 'FROM python:3.13-slim\nCOPY --chown=app:app . /app\nUSER app\n' },
    { name: 'root final user', code: 'FROM python:3.13-slim\nCOPY --chown=10001:10001 . /app\n' },
    { name: 'chown to another user', code: 'FROM debian:12-slim\nRUN chown -R www-data:www-data /var/www\nUSER 10001\n' },
    { name: 'builder stage chowns do not ship', code: 'FROM debian:12 AS build\nCOPY --chown=10001:10001 . /src\nFROM debian:12-slim\nUSER 10001\n' },
    {
      name: 'chown without a group keeps the group (root for files made as root)',
      code: 'FROM debian:12-slim\nRUN mkdir /data && chown 10001 /data && chmod g=u /data\nUSER 10001\n',
    },
    { name: 'variables in the path', code: 'FROM debian:12-slim\nARG DATA_DIR\nRUN chown -R 10001:0 $DATA_DIR\nUSER 10001\n' },
    {
      name: 'scratch: group 0 and the mode set as the files are copied',
      code: 'FROM golang:1.23 AS build\nRUN mkdir -p /out/cache\nFROM scratch\nCOPY --from=build --chown=10001:0 --chmod=775 /out/cache /var/cache/app\nUSER 10001\n',
    },
  ],
  invalid: [
    {
      name: 'COPY --chown to the user’s own group, no chmod',
      code: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY --chown=10001:10001 . .\nUSER 10001\n',
      errors: [
        {
          line: 3,
          column: 6,
          endLine: 3,
          endColumn: 25,
          message: "The files in /app will belong to UID 10001 and group 10001, so an arbitrary UID (OpenShift runs the image with one, always in group 0) cannot write there: give them group 0 (`--chown=10001:0`) and give the group the owner's rights (`RUN chmod -R g=u /app`).",
        },
      ],
      output: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY --chown=10001:0 . .\nUSER 10001\n',
    },
    {
      name: 'COPY --chown without a group means GID = UID',
      code: 'FROM python:3.13-slim\nCOPY --chown=10001 data/ /srv/data/\nRUN chmod -R g=u /srv/data\nUSER 10001\n',
      errors: [{ line: 2, column: 6, endColumn: 19, message: 'group 10001' }],
      output: 'FROM python:3.13-slim\nCOPY --chown=10001:0 data/ /srv/data/\nRUN chmod -R g=u /srv/data\nUSER 10001\n',
    },
    {
      name: 'group 0 but not group-writable',
      code: 'FROM python:3.13-slim\nCOPY --chown=10001:0 data/ /srv/data/\nUSER 10001\n',
      errors: [
        {
          line: 2,
          column: 6,
          endColumn: 21,
          message: "The files in /srv/data belong to group 0, but the group cannot write them, so an arbitrary UID in group 0 cannot write there either: give the group the owner's rights (`RUN chmod -R g=u /srv/data`).",
        },
      ],
      output: 'FROM python:3.13-slim\nCOPY --chown=10001:0 data/ /srv/data/\nUSER 10001\n',
    },
    {
      name: 'a chmod before the COPY does not apply to the copied files',
      code: 'FROM debian:12-slim\nRUN mkdir /data && chmod g=u /data\nCOPY --chown=10001:0 seed/ /data/\nUSER 10001\n',
      errors: [{ line: 3, column: 6, message: 'chmod -R g=u /data' }],
      output: 'FROM debian:12-slim\nRUN mkdir /data && chmod g=u /data\nCOPY --chown=10001:0 seed/ /data/\nUSER 10001\n',
    },
    {
      name: 'RUN chown to a named user with the same UID, continued lines',
      code: 'FROM debian:12-slim\nRUN useradd --uid 10001 app \\\n && mkdir -p /var/lib/app \\\n && chown -R app:app /var/lib/app\nUSER 10001\n',
      errors: [{ line: 4, column: 14, endColumn: 21, message: 'give them group 0 (`chown app:0`)' }],
      output: 'FROM debian:12-slim\nRUN useradd --uid 10001 app \\\n && mkdir -p /var/lib/app \\\n && chown -R app:0 /var/lib/app\nUSER 10001\n',
    },
    {
      name: 'chown user: (login group)',
      code: 'FROM debian:12-slim\nRUN mkdir /data && chown 10001: /data && chmod g+w /data\nUSER 10001\n',
      errors: [{ line: 2, column: 26, endColumn: 32 }],
      output: 'FROM debian:12-slim\nRUN mkdir /data && chown 10001:0 /data && chmod g+w /data\nUSER 10001\n',
    },
    {
      name: 'relative COPY destination resolved against WORKDIR; chmod without group write does not count',
      code: 'FROM node:22-bookworm-slim\nWORKDIR /srv\nCOPY --chown=10001:0 public ./public\nRUN chmod -R 755 /srv/public\nUSER 10001\n',
      errors: [{ line: 3, column: 6, message: 'chmod -R g=u /srv/public' }],
      output: 'FROM node:22-bookworm-slim\nWORKDIR /srv\nCOPY --chown=10001:0 public ./public\nRUN chmod -R 755 /srv/public\nUSER 10001\n',
    },
    {
      name: 'scratch: no RUN chmod advice, the fix sets group 0 and --chmod on the COPY',
      code: 'FROM golang:1.23 AS build\nRUN mkdir -p /out/cache\nFROM scratch\nCOPY --from=build --chown=10001:10001 /out/cache /var/cache/app\nUSER 10001\n',
      errors: [
        {
          line: 4,
          column: 19,
          endColumn: 38,
          message:
            'The files in /var/cache/app will belong to UID 10001 and group 10001, so an arbitrary UID (OpenShift runs the image with one, always in group 0) cannot write there: give them group 0 (`--chown=10001:0`) and give the group write access as they are copied (`--chmod=775`): the image has no shell, so there is no `RUN chmod`.',
        },
      ],
      output: 'FROM golang:1.23 AS build\nRUN mkdir -p /out/cache\nFROM scratch\nCOPY --from=build --chown=10001:0 --chmod=775 /out/cache /var/cache/app\nUSER 10001\n',
    },
    {
      name: 'distroless, --chown without a group: one insertion keeps `:0` before the new flag',
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY --chown=65532 data/ /data/\nUSER 65532\n',
      errors: [{ line: 2, column: 6, endColumn: 19, message: '(`--chmod=775`): the image has no shell' }],
      output: 'FROM gcr.io/distroless/static-debian12\nCOPY --chown=65532:0 --chmod=775 data/ /data/\nUSER 65532\n',
    },
    {
      name: 'distroless, group 0 with a mode the group cannot write: the mode is given g=u',
      code: 'FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY --chown=65532:0 --chmod=0750 data/ /srv/data/\nUSER 65532\n',
      errors: [{ line: 2, column: 6, message: 'belong to group 0, but the group cannot write them, so an arbitrary UID in group 0 cannot write there either: give the group write access as they are copied (`--chmod=0770`)' }],
      output: 'FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY --chown=65532:0 --chmod=0770 data/ /srv/data/\nUSER 65532\n',
    },
    {
      name: 'written in the stage the final one builds on',
      code: 'FROM python:3.13-slim AS base\nCOPY --chown=10001:10001 . /app\nFROM base\nRUN chmod -R g=u /app\nUSER 10001\n',
      errors: [{ line: 2, column: 6, message: 'give them group 0' }],
      output: 'FROM python:3.13-slim AS base\nCOPY --chown=10001:0 . /app\nFROM base\nRUN chmod -R g=u /app\nUSER 10001\n',
    },
  ],
});
