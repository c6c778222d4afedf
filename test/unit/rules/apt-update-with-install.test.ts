import rule from '../../../src/engine/rules/apt-update-with-install.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'across continuations, with apt and an upgrade', code: 'FROM ubuntu:24.04\nRUN apt update \\\n && apt upgrade -y \\\n && apt install -y nginx\n' },
    { name: 'quiet update, install inside an if', code: 'FROM debian:12\nRUN apt-get update -qq; if [ "$DEV" = 1 ]; then apt-get install -y gdb; fi\n' },
    { name: 'local packages need no index', code: 'FROM debian:12\nCOPY app.deb /tmp/\nRUN apt-get install -y /tmp/app.deb\n' },
    { name: 'repairing with -f', code: 'FROM debian:12\nRUN dpkg -i /tmp/x.deb || apt-get install -f -y\n' },
    { name: 'purge needs no index', code: 'FROM debian:12\nRUN apt-get purge -y --auto-remove curl\n' },
    { name: 'add-apt-repository refreshes the index itself', code: 'FROM ubuntu:24.04\nRUN add-apt-repository -y ppa:deadsnakes/ppa && apt-get install -y python3.12\n' },
    { name: 'heredoc script', code: 'FROM debian:12\nRUN <<EOF\nset -eux\napt-get update\napt-get install -y curl\nEOF\n' },
  ],
  invalid: [
    {
      name: 'update alone, then install alone',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [
        { line: 2, column: 5, endLine: 2, endColumn: 19, message: '`apt-get update` alone in a RUN' },
        { line: 3, column: 5, endLine: 3, endColumn: 20, message: 'has no `apt-get update` before it' },
      ],
      output: 'FROM debian:12\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'an update after the install does not count',
      code: 'FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive apt-get install -y tini && apt-get update\n',
      errors: [
        { line: 2, column: 36, endColumn: 51 },
        { line: 2, column: 63, endColumn: 77 },
      ],
      output: 'FROM debian:12\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y tini && apt-get update\n',
    },
    {
      name: 'builder stages too, sudo keeps sudo',
      code: 'FROM golang:1.23-bookworm AS build\nUSER builder\nRUN sudo apt-get install -y libsqlite3-dev\nFROM scratch\nCOPY --from=build /app /app\n',
      errors: [{ line: 3, column: 10, endColumn: 25 }],
      output: 'FROM golang:1.23-bookworm AS build\nUSER builder\nRUN sudo apt-get update && sudo apt-get install -y libsqlite3-dev\nFROM scratch\nCOPY --from=build /app /app\n',
    },
    {
      name: 'after || a fix would change the meaning: reported without one',
      code: 'FROM debian:12\nRUN command -v curl || apt-get install -y curl\n',
      errors: [{ line: 2, column: 24, endColumn: 39 }],
    },
    {
      name: 'add-apt-repository --no-update does not refresh',
      code: 'FROM ubuntu:24.04\nRUN add-apt-repository --no-update -y ppa:deadsnakes/ppa && apt-get install -y python3.12\n',
      errors: [{ line: 2, column: 61, endColumn: 76 }],
      output: 'FROM ubuntu:24.04\nRUN add-apt-repository --no-update -y ppa:deadsnakes/ppa && apt-get update && apt-get install -y python3.12\n',
    },
    {
      name: 'upgrade without update, in a heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt-get upgrade -y\nEOF\n',
      errors: [{ line: 3, column: 1, endColumn: 16, message: '`apt-get upgrade` has no `apt-get update`' }],
      output: 'FROM debian:12\nRUN <<EOF\napt-get update && apt-get upgrade -y\nEOF\n',
    },
    {
      name: 'escape directive and a continuation',
      code: '# escape=`\nFROM debian:12\nRUN apt-get clean && `\n    apt-get install -y curl\n',
      errors: [{ line: 4, column: 5, endColumn: 20 }],
      output: '# escape=`\nFROM debian:12\nRUN apt-get clean && `\n    apt-get update && apt-get install -y curl\n',
    },
  ],
});
