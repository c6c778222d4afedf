import rule from '../../../src/engine/rules/no-debug-tools-in-final.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends ca-certificates tini\n' },
    { name: 'curl used by the HEALTHCHECK', code: 'FROM python:3.13-slim\nRUN apt-get install -y --no-install-recommends curl\nHEALTHCHECK CMD curl -fsS http://localhost:8000/health || exit 1\n' },
    { name: 'wget used by an exec-form HEALTHCHECK, pgrep by a shell wrapper', code: 'FROM alpine:3.20\nRUN apk add --no-cache wget procps\nHEALTHCHECK CMD ["wget", "-qO-", "http://localhost/"]\nFROM alpine:3.20\nRUN apk add --no-cache procps\nHEALTHCHECK CMD ["sh", "-c", "pgrep nginx || exit 1"]\n' },
    { name: 'a tool the container runs as its entrypoint', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nENTRYPOINT ["curl"]\n' },
    { name: 'builder stages may carry tools', code: 'FROM golang:1.23 AS build\nRUN apt-get install -y curl gdb strace\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\n' },
    { name: 'apk --virtual group deleted later', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .fetch-deps curl gnupg \\\n && curl -fsSLo /tmp/x https://example.com/x \\\n && apk del .fetch-deps\n' },
    { name: 'purged in a later RUN of the same stage', code: 'FROM debian:12\nRUN apt-get install -y wget && wget -q https://example.com/f\nRUN apt-get purge -y --auto-remove wget\n' },
    {
      name: 'the apt-mark auto pattern of the official images',
      code:
        'FROM debian:12-slim\n' +
        'RUN savedAptMark="$(apt-mark showmanual)"; \\\n' +
        '    apt-get update; apt-get install -y --no-install-recommends wget gnupg; \\\n' +
        '    wget -O /usr/local/bin/gosu https://example.com/gosu; \\\n' +
        '    apt-mark auto \'.*\' > /dev/null; \\\n' +
        '    [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark; \\\n' +
        '    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \\\n' +
        '    rm -rf /var/lib/apt/lists/*\n',
    },
    { name: 'sudo is the no-sudo rule\'s', code: 'FROM debian:12\nRUN apt-get install -y sudo\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y vim\n',
      errors: [{ line: 2, column: 24, endLine: 2, endColumn: 27, message: '`vim` is a debugging tool shipped in the final image' }],
    },
    {
      name: 'curl without a HEALTHCHECK that uses it',
      code: 'FROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n      curl=7.88.1-10+deb12u12 netcat-openbsd \\\n && rm -rf /var/lib/apt/lists/*\nHEALTHCHECK CMD python -c "import urllib.request as u; u.urlopen(\'http://localhost:8000/\')"\n',
      errors: [
        { line: 3, column: 7, endColumn: 30, message: '`apt-get purge -y --auto-remove curl`' },
        { line: 3, column: 31, endColumn: 45, message: '`netcat-openbsd`' },
      ],
    },
    {
      name: 'a stage the final stage builds on, and apk',
      code: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache strace\nFROM base\nRUN apk add --no-cache wget\nCMD ["/app"]\n',
      errors: [
        { line: 2, column: 24, endColumn: 30 },
        { line: 4, column: 24, endColumn: 28, message: '`apk del wget`' },
      ],
    },
    {
      name: 'removed before it was installed does not count; dnf through sudo in a heredoc',
      code: 'FROM rockylinux:9\nRUN dnf remove -y nano\nRUN <<EOF\nsudo dnf install -y nano-5.6.1 procps-ng\nEOF\n',
      errors: [
        { line: 4, column: 21, endColumn: 31, message: '`nano`' },
        { line: 4, column: 32, endColumn: 41, message: '`procps-ng`' },
      ],
    },
    {
      name: 'zypper, and a HEALTHCHECK that uses another tool',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n in -y telnet iputils\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
      errors: [
        { line: 2, column: 21, endColumn: 27, message: '`telnet`' },
        { line: 2, column: 28, endColumn: 35, message: '`iputils`' },
      ],
    },
    {
      name: 'apt-mark auto without an auto-remove keeps the tools',
      code: "FROM debian:12\nRUN apt-get install -y tcpdump && apt-mark auto '.*'\n",
      errors: [{ line: 2, column: 24, endColumn: 31 }],
    },
  ],
});
