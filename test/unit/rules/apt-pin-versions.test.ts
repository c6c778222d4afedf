import rule from '../../../src/engine/rules/apt-pin-versions.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'version wildcards are pins', code: 'FROM debian:12\nRUN apt-get install -y nodejs=22.11.*\n' },
    { name: 'local .deb files', code: 'FROM debian:12\nCOPY pkg.deb /tmp/\nRUN apt-get install -y /tmp/pkg.deb ./other.deb\n' },
    { name: 'packages from a variable are unknown here', code: 'FROM debian:12\nARG PACKAGES\nRUN apt-get install -y $PACKAGES $(cat /tmp/pkgs)\n' },
    { name: 'flag values are not packages', code: 'FROM debian:12\nRUN apt-get install -y -t bookworm-backports -o Dpkg::Options::=--force-confnew golang=2:1.23~1~bpo12+1\n' },
    { name: 'update, upgrade and purge install nothing new', code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y && apt-get purge -y curl\n' },
    { name: 'packages read from stdin', code: 'FROM debian:12\nRUN cat /tmp/packages | xargs apt-get install -y\n' },
    { name: 'a string that mentions apt-get', code: 'FROM debian:12\nRUN echo "apt-get install curl" > /tmp/howto\n' },
    { name: 'exec form is read as one program', code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl=7.88.1-10+deb12u12"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 24, endLine: 2, endColumn: 28, message: 'Pin `curl` to a version: `curl=<version>`' }],
    },
    {
      name: 'each unpinned package, across continuations and comment lines',
      code:
        'FROM python:3.13-slim\n' +
        'RUN apt-get update \\\n' +
        ' && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\\n' +
        '      # the database client\n' +
        '      libpq5=15.10-0+deb12u1 \\\n' +
        '      curl \\\n' +
        '      ca-certificates \\\n' +
        ' && rm -rf /var/lib/apt/lists/*\n',
      errors: [
        { line: 6, column: 7, endLine: 6, endColumn: 11, message: '`curl`' },
        { line: 7, column: 7, endLine: 7, endColumn: 22, message: '`ca-certificates`' },
      ],
    },
    {
      name: 'through sudo, with apt instead of apt-get',
      code: 'FROM ubuntu:24.04\nUSER app\nRUN sudo apt install -y nginx\n',
      errors: [{ line: 3, column: 25, endColumn: 30 }],
    },
    {
      name: 'a release suffix is not a version',
      code: 'FROM debian:12\nRUN apt-get install -y -t bookworm-backports golang/bookworm-backports\n',
      errors: [{ line: 2, column: 46, endColumn: 71, message: 'chooses a release, not a version' }],
    },
    {
      name: 'builder stages are judged too: an unpinned compiler changes the binary',
      code: 'FROM golang:1.23-bookworm AS build\nRUN apt-get install -y libsqlite3-dev\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /out /app\n',
      errors: [{ line: 2, column: 24, endColumn: 38 }],
    },
    {
      name: 'heredoc script',
      code: 'FROM debian:12\nRUN <<EOF\nset -eux\napt-get update\napt-get install -y jq=1.6-2.1 tini\nEOF\n',
      errors: [{ line: 5, column: 31, endColumn: 35, message: '`tini`' }],
    },
    {
      name: 'escape directive and an if branch',
      code: '# escape=`\nFROM debian:12\nRUN if [ "$TARGETARCH" = "amd64" ]; then `\n      apt-get install -y libc6-i386; fi\n',
      errors: [{ line: 4, column: 26, endColumn: 36 }],
    },
  ],
});
