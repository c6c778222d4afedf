import rule from '../../../src/engine/rules/no-curl-pipe-shell.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'download, verify, run', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://x.example/i.sh && echo "abc  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh\n' },
    { name: 'piping into tar or gpg is not running code', code: 'FROM debian:12\nRUN curl -fsSL https://x.example/a.tgz | tar -xz -C /usr/local/bin && wget -qO- https://x.example/key | gpg --dearmor -o /k.gpg\n' },
    { name: 'a shell given -c runs its argument, not stdin', code: "FROM debian:12\nRUN curl -fsSL https://x.example/data | sh -c 'cat > /tmp/data'\n" },
    { name: 'a shell running a script file', code: 'FROM debian:12\nRUN curl -fsSL https://x.example/list | bash /opt/consume.sh\n' },
    { name: 'a pipeline that does not start with a download', code: 'FROM debian:12\nRUN cat /tmp/script.sh | sh\n' },
    { name: 'separate commands are not a pipe', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://x.example/i.sh; sh /tmp/i.sh\n' },
    { name: 'a substitution that does not download', code: 'FROM debian:12\nRUN sh -c "$(cat /tmp/script.sh)" && bash <(echo hi)\n' },
    { name: 'python reading a script file', code: 'FROM python:3.13-slim\nRUN curl -fsSL https://bootstrap.pypa.io/get-pip.py -o get-pip.py && python get-pip.py\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSL https://get.example.com/install.sh | sh\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 55, message: 'Piping `curl` into `sh` runs whatever the server sends' }],
    },
    {
      name: 'wget -O- into bash with arguments, across a continuation',
      code: 'FROM node:22-bookworm\nRUN wget -qO- https://deb.nodesource.com/setup_22.x \\\n    | bash -s -- --yes\n',
      errors: [{ line: 2, column: 5, endLine: 3, endColumn: 23, message: '`wget` into `bash`' }],
    },
    {
      name: 'curl | sudo bash -',
      code: 'FROM ubuntu:24.04\nRUN curl -sL https://x.example/setup | sudo -E bash -\n',
      errors: [{ line: 2, column: 5, endColumn: 54, message: 'into `sudo bash`' }],
    },
    {
      name: 'through tee into a shell',
      code: 'FROM debian:12\nRUN curl -fsSL https://x.example/i.sh | tee /tmp/i.sh | sh\n',
      errors: [{ line: 2, column: 5, endColumn: 59 }],
    },
    {
      name: 'into python',
      code: 'FROM python:3.13-slim\nRUN curl -sSL https://install.python-poetry.org | python3 -\n',
      errors: [{ line: 2, column: 5, endColumn: 60, message: 'into `python3`' }],
    },
    {
      name: 'process substitution',
      code: 'FROM debian:12\nRUN bash <(curl -fsSL https://x.example/install.sh)\n',
      errors: [{ line: 2, column: 5, endColumn: 52, message: '`bash <(curl ...)`' }],
    },
    {
      name: 'command substitution with sh -c, and eval with backquotes',
      code: 'FROM debian:12\nRUN sh -c "$(curl -fsSL https://x.example/install.sh)" \\\n && eval "`wget -qO- https://x.example/env`"\n',
      errors: [
        { line: 2, column: 5, endColumn: 55, message: 'with `sh`' },
        { line: 3, column: 5, endColumn: 45, message: 'with `eval`' },
      ],
    },
    {
      name: 'builder stages too, heredoc script',
      code: 'FROM rust:1.82 AS build\nRUN <<EOF\nset -eux\ncurl --proto "=https" -sSf https://sh.rustup.rs | sh -s -- -y\nEOF\nFROM debian:12-slim\nCOPY --from=build /out /app\n',
      errors: [{ line: 4, column: 1, endColumn: 62 }],
    },
  ],
});
