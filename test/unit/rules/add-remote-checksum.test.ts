import rule from '../../../src/engine/rules/add-remote-checksum.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

const SHA = '93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c';

runRuleTests(rule, {
  valid: [
    { code: `FROM debian:12\nADD --checksum=sha256:${SHA} https://example.com/tool.tgz /opt/\n` },
    { name: 'checksum from an ARG', code: 'FROM debian:12\nARG TOOL_SHA256\nADD --checksum=sha256:${TOOL_SHA256} https://example.com/tool /usr/local/bin/tool\n' },
    { name: 'local sources', code: 'FROM debian:12\nADD app.tar.gz /opt/\nADD . /src\n' },
    { name: 'git pinned by --checksum', code: 'FROM alpine:3.20\nADD --checksum=be1f38e https://github.com/moby/buildkit.git#v0.26.2 /buildkit\n' },
    { name: 'git pinned by a commit fragment or query', code: 'FROM alpine:3.20\nADD git@github.com:moby/buildkit.git#2f71a1a3c5b1e4f1d0c9:docs /docs\nADD https://github.com/org/repo.git?commit=2f71a1a3c5b1 /repo\n' },
    { name: 'COPY is another instruction', code: 'FROM alpine:3.20\nCOPY --from=build /out /app\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nADD https://example.com/tool.tgz /opt/\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 33, message: 'add `--checksum=sha256:<digest>`' }],
    },
    {
      name: 'with other flags, across a continuation, in a builder stage',
      code: 'FROM debian:12 AS fetch\nADD --chmod=755 \\\n    https://github.com/krallin/tini/releases/download/v0.19.0/tini-amd64 /tini\nFROM scratch\nCOPY --from=fetch /tini /tini\n',
      errors: [{ line: 3, column: 5, endColumn: 73 }],
    },
    {
      name: 'JSON form',
      code: 'FROM debian:12\nADD ["http://example.com/a b.txt", "/data/"]\n',
      errors: [{ line: 2, column: 7, endColumn: 33 }],
    },
    {
      name: 'git sources following a tag or the default branch',
      code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.14.1:docs /docs\nADD git@github.com:org/repo.git /repo\n',
      errors: [
        { line: 2, column: 5, endColumn: 54, message: 'pin the commit' },
        { line: 3, column: 5, endColumn: 32, message: 'pin the commit' },
      ],
    },
    {
      name: 'a URL built from ARGs is still remote',
      code: 'ARG VERSION=1.7.1\nFROM alpine:3.20\nARG VERSION\nADD https://github.com/jqlang/jq/releases/download/jq-${VERSION}/jq-linux-amd64 /usr/local/bin/jq\n',
      errors: [{ line: 4, column: 5 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nADD `\n    https://example.com/setup.exe C:/setup.exe\n',
      errors: [{ line: 4, column: 5, endColumn: 34 }],
    },
  ],
});
