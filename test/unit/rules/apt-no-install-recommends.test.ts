import rule from '../../../src/engine/rules/apt-no-install-recommends.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n' },
    { name: 'the flag before the subcommand', code: 'FROM debian:12\nRUN apt-get --no-install-recommends -y install curl\n' },
    { name: 'the apt option form', code: 'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n' },
    { name: 'recommends turned off in apt.conf earlier in the stage', code: "FROM debian:12\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get install -y curl\n" },
    { name: 'explicitly asking for recommends is a choice', code: 'FROM debian:12\nRUN apt-get install -y --install-recommends texlive\n' },
    {
      name: 'a builder stage is thrown away',
      code: 'FROM golang:1.23-bookworm AS build\nRUN apt-get update && apt-get install -y libsqlite3-dev\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /out /app\n',
    },
    { name: 'repairing with -f names no packages', code: 'FROM debian:12\nRUN dpkg -i /tmp/x.deb || apt-get install -f -y\n' },
    { name: 'other subcommands', code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y && apt-get remove -y vim\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 20, message: 'Add `--no-install-recommends`' }],
      output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'continuations, DEBIAN_FRONTEND and apt',
      code:
        'FROM python:3.13-slim\n' +
        'RUN apt-get update \\\n' +
        ' && DEBIAN_FRONTEND=noninteractive apt-get install -y \\\n' +
        '      libpq5 \\\n' +
        ' && apt install -y tini \\\n' +
        ' && rm -rf /var/lib/apt/lists/*\n',
      errors: [
        { line: 3, column: 36, endColumn: 51 },
        { line: 5, column: 5, endColumn: 16, message: '`apt install`' },
      ],
      output:
        'FROM python:3.13-slim\n' +
        'RUN apt-get update \\\n' +
        ' && DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends -y \\\n' +
        '      libpq5 \\\n' +
        ' && apt install --no-install-recommends -y tini \\\n' +
        ' && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'sudo, global options before the subcommand',
      code: 'FROM ubuntu:24.04\nRUN sudo apt-get -qq -y install nginx\n',
      errors: [{ line: 2, column: 10, endColumn: 32 }],
      output: 'FROM ubuntu:24.04\nRUN sudo apt-get -qq -y install --no-install-recommends nginx\n',
    },
    {
      name: 'a stage the final stage builds on',
      code: 'FROM debian:12 AS base\nRUN apt-get install -y ca-certificates\nFROM base\nCMD ["/app"]\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM debian:12 AS base\nRUN apt-get install --no-install-recommends -y ca-certificates\nFROM base\nCMD ["/app"]\n',
    },
    {
      name: 'heredoc script',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
      errors: [{ line: 4, column: 1, endColumn: 16 }],
      output: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install --no-install-recommends -y curl\nEOF\n',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl\n',
      errors: [{ line: 4, column: 5, endColumn: 20 }],
      output: '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install --no-install-recommends -y curl\n',
    },
  ],
});
