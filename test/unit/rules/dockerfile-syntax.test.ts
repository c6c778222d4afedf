import { describe, expect, it } from 'vitest';
import rule, { SYNTAX_PROBLEMS, syntaxProblems, type SyntaxProblem } from '../../../src/engine/rules/dockerfile-syntax.ts';
import { grade } from '../../../src/engine/exercise.ts';
import { lint } from '../../../src/engine/index.ts';
import { runRuleTests, type InvalidCase } from '../../helpers/rule-tester.ts';

/** An invalid case, with the kind of each finding it expects (in the order of `errors`). */
interface SyntaxCase extends InvalidCase {
  kinds: SyntaxProblem[];
}

const valid = [
  { name: 'a plain file', code: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER 10001\nEXPOSE 8000\nCMD ["python", "app.py"]\n' },
  { name: 'lower-case keywords', code: 'from alpine:3.21 as build\nrun echo hi\ncopy --from=build /a /b\nhealthcheck cmd true\n' },
  { name: 'ARGs before FROM, also used in it', code: 'ARG PY=3.13\nARG BASE=python:${PY}-slim\nFROM ${BASE}\nARG PY\n' },
  { name: 'comments and directives before FROM', code: '# syntax=docker/dockerfile:1.7\n# check=skip=JSONArgsRecommended\n# a comment\n\n# another\nFROM alpine:3.21\n' },
  { name: 'escape directive with a backtick and Windows paths', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY C:\\app\\ C:\\dest\\\nRUN dir `\n    C:\\dest\nWORKDIR C:\\app\n' },
  { name: 'line continuations everywhere', code: 'FROM \\\n  alpine:3.21 \\\n  AS base\nRUN apk add --no-cache \\\n      curl \\\n  # a comment inside\n      jq\nCOPY \\\n  a b \\\n  /dest/\nENV A=1 \\\n    B=2\n' },
  { name: 'COPY heredoc with a destination', code: 'FROM alpine:3.21\nCOPY <<EOF /etc/app.conf\nkey = value\nEOF\n' },
  { name: 'COPY of two heredocs', code: 'FROM alpine:3.21\nCOPY <<a.txt <<b.txt /dest/\nA\na.txt\nB\nb.txt\nRUN ls /dest\n' },
  { name: 'COPY heredoc with chomp and quotes', code: 'FROM alpine:3.21\nCOPY <<-"EOF" /x\n\thello $NAME\n\tEOF\n' },
  { name: 'RUN heredocs', code: 'FROM alpine:3.21\nRUN <<EOF\nset -e\napk add --no-cache curl\nEOF\nRUN python3 <<EOF > /out\nprint(1)\nEOF\n' },
  { name: 'a heredoc body line that looks like an instruction', code: 'FROM alpine:3.21\nRUN <<EOF\nFORM is not an instruction here\nEOF\n' },
  { name: 'ADD --checksum and friends', code: 'FROM alpine:3.21\nADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c https://example.com/tool.tgz /opt/\nADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.26.2 /buildkit\nADD --unpack=false --link --chmod=644 --exclude=*.md app.tgz /opt/\n' },
  { name: 'COPY flags', code: 'FROM alpine:3.21 AS build\nFROM alpine:3.21\nCOPY --from=build --chown=app:app --chmod=755 --link /a /b\nCOPY --parents --exclude=*.tmp --exclude=*.log src/ /app/\nCOPY --chown= a b\n' },
  { name: 'RUN --mount, --network, --security', code: 'FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache pip install flask==3.1.0\nRUN --mount=type=secret,id=npm --mount=type=bind,source=.,target=/src --network=none true\nRUN --mount=target=/x,type=tmpfs --security=sandbox true\nRUN --mount=type=$MOUNT true\n' },
  { name: 'FROM --platform with a variable', code: 'FROM --platform=$BUILDPLATFORM golang:1.24 AS build\nFROM --platform=linux/amd64 alpine:3.21\n' },
  { name: 'ONBUILD triggers', code: 'FROM node:22-slim\nONBUILD COPY package.json .\nONBUILD RUN npm ci\n' },
  { name: 'exec forms', code: 'FROM alpine:3.21\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN ["echo", "hi"]\nENTRYPOINT ["tini", "--"]\nCMD ["--help"]\nCOPY ["a b.txt", "/dest/"]\nVOLUME ["/data", "/logs"]\nHEALTHCHECK CMD ["curl", "-f", "http://127.0.0.1/"]\n' },
  { name: 'empty CMD, ENTRYPOINT and RUN build', code: 'FROM alpine:3.21\nENTRYPOINT []\nCMD\nRUN\nRUN --mount=type=cache,target=/x\n' },
  { name: 'invalid JSON is shell form, which Docker runs (exec-form-cmd reports it)', code: "FROM node:22-slim\nCMD ['node', 'app.js']\n" },
  { name: 'ENV and LABEL forms', code: 'FROM alpine:3.21\nENV PATH=/opt/bin:$PATH LANG=C.UTF-8\nENV JAVA_OPTS -Xmx1g -Dx=y\nENV A="hello world" B=\'x y\' C=a\\ b\nLABEL maintainer "Jo <jo@example.com>"\nLABEL org.opencontainers.image.title="status page" \\\n      org.opencontainers.image.version=1.0\nENV EMPTY=\n' },
  { name: 'ARG forms', code: 'ARG A\nARG B=1 C\nFROM alpine:3.21\nARG D="two words"\n' },
  { name: 'USER, WORKDIR, STOPSIGNAL, MAINTAINER, VOLUME', code: 'FROM alpine:3.21\nUSER 10001:0\nWORKDIR /my app\nSTOPSIGNAL SIGQUIT\nMAINTAINER Jo <jo@example.com>\nVOLUME /data /logs\n' },
  { name: 'EXPOSE forms Docker accepts', code: 'FROM alpine:3.21\nEXPOSE 80 443/tcp 53/udp 9000/sctp 8000-8010 0 65535 80/TCP 8080:80 127.0.0.1:80:80 ${PORT} $PORT/udp\n' },
  { name: 'HEALTHCHECK options', code: 'FROM alpine:3.21\nHEALTHCHECK --interval=30s --timeout=3s --start-period=1m30s --start-interval=500ms --retries=3 CMD curl -f http://127.0.0.1/ || exit 1\n' },
  { name: 'HEALTHCHECK zero and fractional durations, zero retries', code: 'FROM alpine:3.21\nHEALTHCHECK --interval=0 --timeout=1.5s --start-period=.5h --retries=0 CMD true\n' },
  { name: 'HEALTHCHECK NONE ignores options', code: 'FROM alpine:3.21\nHEALTHCHECK --interval=oops NONE\n' },
  { name: 'a stage name with dots, dashes and underscores, in upper case', code: 'FROM alpine:3.21 AS Build_1.x-y\n' },
  { name: 'a file another frontend reads', code: '# syntax=example.com/my-frontend:1\nFORM python:3.13\nBUILD it\n' },
  { name: 'the upstream frontend and a labs channel', code: '# syntax=docker.io/docker/dockerfile-upstream:master-labs\nFROM alpine:3.21\nCOPY --parents a/b /c/\n' },
  { name: 'CRLF line ends and a byte order mark', code: '\ufeffFROM alpine:3.21\r\nRUN echo hi \\\r\n  there\r\nCOPY a b\r\n' },
  { name: 'flags end at --', code: 'FROM alpine:3.21\nRUN -- --not-a-flag\n' },
  { name: 'a flag-like word after the first argument is an argument', code: 'FROM alpine:3.21\nRUN pip install --no-cache-dir flask==3.1.0\nCOPY a b --odd-name\n' },
  { name: 'MAINTAINER and ONBUILD with a heredoc', code: 'FROM alpine:3.21\nONBUILD RUN <<EOF\necho hi\nEOF\n' },
];

const invalid: SyntaxCase[] = [
  // --- unknown instructions
  {
    name: 'a misspelt FROM, with a fix',
    code: 'FORM python:3.13-slim\nRUN pip install flask==3.1.0\n',
    errors: [{ line: 1, column: 1, endLine: 1, endColumn: 5, message: '`FORM` is not a Dockerfile instruction, so Docker stops ("unknown instruction"). Did you mean `FROM`?' }],
    kinds: ['unknown-instruction'],
    output: 'FROM python:3.13-slim\nRUN pip install flask==3.1.0\n',
  },
  {
    name: 'lower case stays lower case',
    code: 'from alpine:3.21\nrnu echo hi\n',
    errors: [{ line: 2, column: 1, endColumn: 4, message: 'Did you mean `run`?' }],
    kinds: ['unknown-instruction'],
    output: 'from alpine:3.21\nrun echo hi\n',
  },
  {
    name: 'a dropped letter',
    code: 'FROM alpine:3.21\nCPY a b\nWORKDR /app\nENTRYPIONT ["x"]\n',
    errors: [
      { line: 2, column: 1, message: 'Did you mean `COPY`?' },
      { line: 3, column: 1, message: 'Did you mean `WORKDIR`?' },
      { line: 4, column: 1, message: 'Did you mean `ENTRYPOINT`?' },
    ],
    kinds: ['unknown-instruction', 'unknown-instruction', 'unknown-instruction'],
    output: 'FROM alpine:3.21\nCOPY a b\nWORKDIR /app\nENTRYPOINT ["x"]\n',
  },
  {
    name: 'two equally close keywords: a suggestion but no fix',
    code: 'FROM alpine:3.21\nADG x\n',
    errors: [{ line: 2, column: 1, message: 'Did you mean `ADD` or `ARG`?' }],
    kinds: ['unknown-instruction'],
    output: 'FROM alpine:3.21\nADG x\n',
  },
  {
    name: 'a RUN continuation that lost its backslash',
    code: 'FROM debian:12-slim\nRUN apt-get update &&\n    apt-get install -y curl\n',
    errors: [{ line: 3, column: 5, endColumn: 12, message: 'If this line continues the RUN above, end that line with `\\`.' }],
    kinds: ['unknown-instruction'],
  },
  {
    name: 'nothing close',
    code: 'FROM alpine:3.21\nBUILDIT now\n\nRUN true\n    apt-get install -y curl\n',
    errors: [
      { line: 2, column: 1, message: 'An instruction starts with one of FROM, RUN' },
      { line: 5, column: 5, message: 'If this line continues the RUN above' },
    ],
    kinds: ['unknown-instruction', 'unknown-instruction'],
  },
  // --- missing arguments
  {
    name: 'FROM without an image',
    code: 'FROM\nRUN true\n',
    errors: [{ line: 1, column: 1, endColumn: 5, message: 'FROM needs the image to build on' }],
    kinds: ['missing-arguments'],
  },
  {
    name: 'FROM with only a flag',
    code: 'FROM --platform=linux/amd64\n',
    errors: [{ line: 1, column: 1, endColumn: 28, message: 'FROM needs the image' }],
    kinds: ['missing-arguments'],
  },
  {
    name: 'COPY with one path',
    code: 'FROM python:3.13-slim\nCOPY app.py\n',
    errors: [{ line: 2, column: 1, endColumn: 12, message: 'only `app.py` is given ("requires at least two arguments"). Add where it goes, e.g. `COPY app.py /app/`.' }],
    kinds: ['missing-arguments'],
  },
  {
    name: 'ADD and COPY with nothing, COPY in JSON form with one path',
    code: 'FROM alpine:3.21\nADD\nCOPY --link\nCOPY ["a"]\n',
    errors: [
      { line: 2, column: 1, endColumn: 4, message: 'ADD needs a source and a destination' },
      { line: 3, column: 1, endColumn: 12, message: 'COPY needs a source and a destination' },
      { line: 4, column: 1, message: 'only `a` is given' },
    ],
    kinds: ['missing-arguments', 'missing-arguments', 'missing-arguments'],
  },
  {
    name: 'a COPY heredoc without a destination',
    code: 'FROM alpine:3.21\nCOPY <<EOF\nhello\nEOF\n',
    errors: [{ line: 2, column: 1, endLine: 2, endColumn: 11, message: 'COPY `<<EOF` needs a destination after it' }],
    kinds: ['missing-arguments'],
  },
  {
    name: 'instructions with nothing after them',
    code: 'FROM alpine:3.21\nENV\nLABEL\nARG\nUSER\nWORKDIR\nEXPOSE\nSTOPSIGNAL\nVOLUME\nSHELL\nONBUILD\nHEALTHCHECK\nMAINTAINER\n',
    errors: [
      { line: 2, column: 1, message: 'ENV needs at least one `NAME=value` pair' },
      { line: 3, column: 1, message: 'LABEL needs at least one' },
      { line: 4, column: 1, message: 'ARG needs a name' },
      { line: 5, column: 1, message: 'USER needs a value, e.g. `USER app`' },
      { line: 6, column: 1, message: 'WORKDIR needs a value' },
      { line: 7, column: 1, message: 'EXPOSE needs a value' },
      { line: 8, column: 1, message: 'STOPSIGNAL needs a value' },
      { line: 9, column: 1, message: 'VOLUME needs a path' },
      { line: 10, column: 1, message: 'SHELL needs a JSON array' },
      { line: 11, column: 1, message: 'ONBUILD needs an instruction' },
      { line: 12, column: 1, message: 'HEALTHCHECK needs what to run' },
      { line: 13, column: 1, message: 'MAINTAINER needs a name' },
    ],
    kinds: Array<SyntaxProblem>(12).fill('missing-arguments'),
  },
  {
    name: 'an ENV continued into nothing',
    code: 'FROM alpine:3.21\nENV \\\n',
    errors: [{ line: 2, column: 1, message: 'ENV needs at least one' }],
    kinds: ['missing-arguments'],
  },
  {
    name: 'empty JSON arrays and an empty volume',
    code: 'FROM alpine:3.21\nSHELL []\nVOLUME []\nVOLUME [""]\n',
    errors: [
      { line: 2, column: 1, message: 'SHELL needs a JSON array' },
      { line: 3, column: 1, message: 'VOLUME needs a path' },
      { line: 4, column: 8, message: 'cannot be empty' },
    ],
    kinds: ['missing-arguments', 'missing-arguments', 'missing-arguments'],
  },
  {
    name: 'HEALTHCHECK CMD without a command',
    code: 'FROM alpine:3.21\nHEALTHCHECK --interval=30s CMD\n',
    errors: [{ line: 2, column: 1, endColumn: 31, message: '`HEALTHCHECK CMD` needs the command to run' }],
    kinds: ['missing-arguments'],
  },
  // --- ENV, LABEL, ARG pairs
  {
    name: 'ENV with a name and no value',
    code: 'FROM alpine:3.21\nENV DEBUG\n',
    errors: [{ line: 2, column: 5, endColumn: 10, message: '`DEBUG` has no value ("ENV must have two arguments"). Write `ENV DEBUG=<value>`.' }],
    kinds: ['missing-value'],
  },
  {
    name: 'LABEL without =',
    code: 'FROM alpine:3.21\nLABEL version\n',
    errors: [{ line: 2, column: 7, endColumn: 14, message: 'Write `LABEL version=<value>`' }],
    kinds: ['missing-value'],
  },
  {
    name: 'a pair list with a bare word, across lines and quotes',
    code: 'FROM alpine:3.21\nENV A="one two" \\\n    B\nLABEL a=1 "b c" d=2\n',
    errors: [
      { line: 3, column: 5, endColumn: 6, message: '`B` has no `=`: once this ENV uses `NAME=value`, every word must be a pair' },
      { line: 4, column: 11, endColumn: 16, message: '`"b c"` has no `=`' },
    ],
    kinds: ['missing-value', 'missing-value'],
  },
  {
    name: 'a pair without a name',
    code: 'ARG =1\nFROM alpine:3.21\nENV A=1 =2\nLABEL ="x"\n',
    errors: [
      { line: 1, column: 5, message: '`=1` has no name before `=` ("ARG names can not be blank")' },
      { line: 3, column: 9, message: '("ENV names can not be blank")' },
      { line: 4, column: 7, message: 'Write `NAME="x"`' },
    ],
    kinds: ['empty-name', 'empty-name', 'empty-name'],
  },
  // --- FROM
  {
    name: 'a tag written with a space',
    code: 'FROM python 3.13-slim\n',
    errors: [{ line: 1, column: 13, endColumn: 22, message: 'If `3.13-slim` is the tag, join it with a colon: `python:3.13-slim`.' }],
    kinds: ['malformed-from'],
  },
  {
    name: 'AS without a name, extra words, an end-of-line comment, a flag after the image',
    code: 'FROM alpine:3.21 AS\nFROM alpine:3.21 AS build extra\nFROM alpine:3.21 # base\nFROM alpine:3.21 --platform=linux/arm64\n',
    errors: [
      { line: 1, column: 18, endColumn: 20, message: '`AS` needs a stage name after it' },
      { line: 2, column: 27, endColumn: 32, message: 'Docker stops at the extra `extra`' },
      { line: 3, column: 18, endColumn: 24, message: 'no comments at the end of a line' },
      { line: 4, column: 18, message: 'Flags go before the image' },
    ],
    kinds: ['malformed-from', 'malformed-from', 'malformed-from', 'malformed-from'],
  },
  {
    name: 'stage names Docker refuses',
    code: 'FROM alpine:3.21 AS 1st\nFROM alpine:3.21 AS web/app\nFROM alpine:3.21 AS release-${TARGETARCH}\n',
    errors: [
      { line: 1, column: 21, endColumn: 24, message: '`1st` cannot name a stage' },
      { line: 2, column: 21, message: '`web/app` cannot name a stage' },
      { line: 3, column: 21, message: '("invalid name for build stage")' },
    ],
    kinds: ['invalid-stage-name', 'invalid-stage-name', 'invalid-stage-name'],
  },
  // --- SHELL
  {
    name: 'SHELL in shell form',
    code: 'FROM alpine:3.21\nSHELL /bin/ash -eo pipefail -c\n',
    errors: [{ line: 2, column: 7, endColumn: 31, message: 'Write `SHELL ["/bin/ash", "-eo", "pipefail", "-c"]`.' }],
    kinds: ['shell-not-json'],
  },
  {
    name: 'SHELL with single quotes is not JSON',
    code: "FROM alpine:3.21\nSHELL ['/bin/sh', '-c']\n",
    errors: [{ line: 2, column: 7, message: 'SHELL must be written as a JSON array' }],
    kinds: ['shell-not-json'],
  },
  // --- flags
  {
    name: 'a misspelt flag',
    code: 'FROM alpine:3.21\nCOPY --chwon=app:app . /app\n',
    errors: [{ line: 2, column: 6, endColumn: 21, message: 'COPY has no `--chwon` flag, so Docker stops ("unknown flag: chwon"). Did you mean `--chown`?' }],
    kinds: ['unknown-flag'],
  },
  {
    name: 'a flag of another instruction',
    code: 'FROM alpine:3.21 AS build\nFROM alpine:3.21\nADD --from=build /a /b\nCOPY --checksum=sha256:abc a b\nADD --parents a/b /c/\n',
    errors: [
      { line: 3, column: 5, endColumn: 17, message: '`--from` is a flag of COPY' },
      { line: 4, column: 6, message: '`--checksum` is a flag of ADD' },
      { line: 5, column: 5, message: '`--parents` is a flag of COPY' },
    ],
    kinds: ['unknown-flag', 'unknown-flag', 'unknown-flag'],
  },
  {
    name: 'unknown flags on FROM, RUN and HEALTHCHECK',
    code: 'FROM --arch=arm64 alpine:3.21\nRUN --mnt=type=cache,target=/x true\nHEALTHCHECK --every=30s CMD true\n',
    errors: [
      { line: 1, column: 6, message: 'FROM has no `--arch` flag' },
      { line: 2, column: 5, message: 'RUN has no `--mnt` flag' },
      { line: 3, column: 13, message: 'HEALTHCHECK takes --interval, --timeout, --start-period, --start-interval, --retries' },
    ],
    kinds: ['unknown-flag', 'unknown-flag', 'unknown-flag'],
  },
  {
    name: 'flags on instructions that take none',
    code: 'FROM alpine:3.21\nENV --global A=1\nCMD --help\nUSER --id app\n',
    errors: [
      { line: 2, column: 5, endColumn: 13, message: 'ENV takes no flags, and Docker reads a leading `--global` as one ("unknown flag").' },
      { line: 3, column: 5, message: 'use the exec form: `CMD ["--help"]`' },
      { line: 4, column: 6, message: 'USER takes no flags' },
    ],
    kinds: ['unknown-flag', 'unknown-flag', 'unknown-flag'],
  },
  {
    name: '--chown with a space instead of =',
    code: 'FROM python:3.13-slim\nCOPY --chown app:app . /app\n',
    errors: [
      {
        line: 2,
        column: 6,
        endColumn: 21,
        message: 'A flag\'s value is joined with `=`: Docker reads `--chown` as a flag without a value ("missing a value on flag: chown"). Write `--chown=app:app`.',
      },
    ],
    kinds: ['flag-without-value'],
    output: 'FROM python:3.13-slim\nCOPY --chown=app:app . /app\n',
  },
  {
    name: 'flag values with a space on FROM, RUN and HEALTHCHECK',
    code: 'FROM --platform linux/amd64 alpine:3.21 AS build\nFROM alpine:3.21\nCOPY --from build /out /app\nRUN --mount type=cache,target=/root/.cache pip install flask==3.1.0\nHEALTHCHECK --interval 30s --timeout=3s CMD true\n',
    errors: [
      { line: 1, column: 6, endColumn: 28, message: 'Write `--platform=linux/amd64`.' },
      { line: 3, column: 6, message: 'Write `--from=build`.' },
      { line: 4, column: 5, message: 'Write `--mount=type=cache,target=/root/.cache`.' },
      { line: 5, column: 13, endColumn: 27, message: 'Write `--interval=30s`.' },
    ],
    kinds: ['flag-without-value', 'flag-without-value', 'flag-without-value', 'flag-without-value'],
    output:
      'FROM --platform=linux/amd64 alpine:3.21 AS build\nFROM alpine:3.21\nCOPY --from=build /out /app\nRUN --mount=type=cache,target=/root/.cache pip install flask==3.1.0\nHEALTHCHECK --interval=30s --timeout=3s CMD true\n',
  },
  {
    name: 'no fix when joining would leave too few arguments, or the value is on the next line',
    code: 'FROM alpine:3.21\nCOPY --chown app:app /app\nRUN --network\nADD --link= a b\nCOPY --chmod \\\n  755 a b\n',
    errors: [
      { line: 2, column: 6, endColumn: 21, message: 'Write `--chown=app:app`' },
      { line: 3, column: 5, endColumn: 14, message: '`--network` needs a value joined with `=` ("missing a value on flag"), e.g. `--network=none`.' },
      { line: 4, column: 5, endColumn: 12, message: '`--link=` has an empty value' },
      { line: 5, column: 6, endColumn: 13, message: '`--chmod` needs a value' },
    ],
    kinds: ['flag-without-value', 'flag-without-value', 'flag-without-value', 'flag-without-value'],
    output: 'FROM alpine:3.21\nCOPY --chown app:app /app\nRUN --network\nADD --link= a b\nCOPY --chmod \\\n  755 a b\n',
  },
  {
    name: 'a flag with nothing after it: the missing arguments say it',
    code: 'FROM alpine:3.21\nCOPY --chmod\n',
    errors: [{ line: 2, column: 1, endColumn: 13, message: 'COPY needs a source and a destination' }],
    kinds: ['missing-arguments'],
  },
  {
    name: 'a flag given twice',
    code: 'FROM alpine:3.21\nCOPY --chown=a --chown=b x y\nRUN --network=none --network=host true\n',
    errors: [
      { line: 2, column: 16, endColumn: 25, message: '`--chown` is given twice' },
      { line: 3, column: 20, message: '`--network` is given twice' },
    ],
    kinds: ['duplicate-flag', 'duplicate-flag'],
  },
  {
    name: 'flag values Docker refuses',
    code: 'FROM alpine:3.21\nCOPY --link=yes a b\nRUN --network=bridge --security=privileged true\nRUN --mount=type=cach,target=/x true\n',
    errors: [
      { line: 2, column: 6, message: '`--link` is true or false, not `yes`' },
      { line: 3, column: 5, message: '`bridge` is not a network mode' },
      { line: 3, column: 22, message: '`privileged` is not a security mode' },
      { line: 4, column: 5, message: '`cach` is not a mount type' },
    ],
    kinds: ['invalid-flag-value', 'invalid-flag-value', 'invalid-flag-value', 'invalid-flag-value'],
  },
  {
    name: 'HEALTHCHECK durations and retries',
    code: 'FROM alpine:3.21\nHEALTHCHECK --interval=30 --timeout=5min --start-period=100us --retries=three CMD true\nHEALTHCHECK --retries=-1 --start-interval=-5s CMD true\n',
    errors: [
      { line: 2, column: 13, endColumn: 26, message: '`30` is not a duration' },
      { line: 2, column: 27, message: '`5min` is not a duration' },
      { line: 2, column: 42, message: '`100us` is shorter than the minimum of 1ms' },
      { line: 2, column: 63, message: 'takes a whole number of attempts' },
      { line: 3, column: 13, message: '`--retries` cannot be negative' },
      { line: 3, column: 26, message: '`-5s` is negative' },
    ],
    kinds: ['invalid-flag-value', 'invalid-flag-value', 'invalid-flag-value', 'invalid-flag-value', 'invalid-flag-value', 'invalid-flag-value'],
  },
  // --- HEALTHCHECK
  {
    name: 'HEALTHCHECK without CMD, or NONE with arguments',
    code: 'FROM alpine:3.21\nHEALTHCHECK curl -f http://127.0.0.1/\nHEALTHCHECK NONE CMD true\n',
    errors: [
      { line: 2, column: 13, endColumn: 17, message: '`curl` is neither ("unknown type in HEALTHCHECK")' },
      { line: 3, column: 18, endColumn: 26, message: '`HEALTHCHECK NONE` takes nothing after it' },
    ],
    kinds: ['invalid-healthcheck', 'invalid-healthcheck'],
  },
  // --- EXPOSE
  {
    name: 'EXPOSE values that are not ports',
    code: 'FROM alpine:3.21\nEXPOSE http 70000 8010-8000 80/tcpp 80:web :\n',
    errors: [
      { line: 2, column: 8, endColumn: 12, message: '`http` is not a port Docker can expose' },
      { line: 2, column: 13, message: '`70000` is not a port number' },
      { line: 2, column: 19, message: '`8010-8000` is not a port number' },
      { line: 2, column: 29, message: '`tcpp` is not a protocol (tcp, udp or sctp)' },
      { line: 2, column: 37, message: '`web` is not a port number' },
      { line: 2, column: 44, message: 'has no port number' },
    ],
    kinds: ['invalid-port', 'invalid-port', 'invalid-port', 'invalid-port', 'invalid-port', 'invalid-port'],
  },
  {
    name: 'a comment at the end of EXPOSE',
    code: 'FROM alpine:3.21\nEXPOSE 8080 # the web port\n',
    errors: [{ line: 2, column: 13, endColumn: 27, message: 'a Dockerfile has no comments at the end of a line' }],
    kinds: ['invalid-port'],
  },
  {
    name: 'a host port that is not one',
    code: 'FROM alpine:3.21\nEXPOSE abc:80\n',
    errors: [{ line: 2, column: 8, message: '`abc` is not a host port' }],
    kinds: ['invalid-port'],
  },
  // --- heredocs
  {
    name: 'a heredoc as the destination',
    code: 'FROM alpine:3.21\nCOPY /etc/app.conf <<EOF\nkey = value\nEOF\n',
    errors: [{ line: 2, column: 20, endColumn: 25, message: 'a heredoc (`<<EOF`) cannot be one' }],
    kinds: ['heredoc-destination'],
  },
  // --- FROM first
  {
    name: 'instructions before the first FROM',
    code: 'ARG PY=3.13\nLABEL org.opencontainers.image.source=https://example.com\nRUN echo hi\nFROM python:${PY}-slim\n',
    errors: [
      { line: 2, column: 1, endColumn: 6, message: 'Only ARG may come before the first FROM; Docker stops at this LABEL ("no build stage in current context"). Move it below the FROM line.' },
      { line: 3, column: 1, endColumn: 4, message: 'this RUN' },
    ],
    kinds: ['instruction-before-from', 'instruction-before-from'],
  },
  {
    name: 'an empty file: one finding',
    code: '',
    errors: [{ line: 1, column: 1, endLine: 1, endColumn: 1, message: 'There is no FROM line (the file has no instructions yet)' }],
    kinds: ['no-from'],
  },
  {
    name: 'only comments and blank lines: one finding',
    code: '# TODO: write the Dockerfile\n\n# base image first\n',
    errors: [{ line: 1, column: 1, endLine: 1, endColumn: 1, message: '("file with no instructions")' }],
    kinds: ['no-from'],
  },
  {
    name: 'no FROM at all: one finding, not one per instruction',
    code: 'WORKDIR /app\nCOPY . .\nRUN npm ci\n',
    errors: [{ line: 1, column: 1, endColumn: 8, message: 'There is no FROM line, so Docker has no stage to build ("no build stage in current context")' }],
    kinds: ['no-from'],
  },
  {
    name: 'only ARGs',
    code: 'ARG NODE=22\n',
    errors: [{ line: 1, column: 1, message: '("dockerfile contains no stages to build")' }],
    kinds: ['no-from'],
  },
  {
    name: 'a misspelt FROM says it once, not also "no FROM"',
    code: 'FRM node:22-slim\nWORKDIR /app\n',
    errors: [{ line: 1, column: 1, message: 'Did you mean `FROM`?' }],
    kinds: ['unknown-instruction'],
    output: 'FROM node:22-slim\nWORKDIR /app\n',
  },
  // --- ONBUILD
  {
    name: 'ONBUILD triggers Docker refuses',
    code: 'FROM alpine:3.21\nONBUILD ONBUILD RUN true\nONBUILD FROM alpine:3.21\nonbuild maintainer Jo\n',
    errors: [
      { line: 2, column: 9, endColumn: 16, message: '`ONBUILD ONBUILD` is not allowed' },
      { line: 3, column: 9, endColumn: 13, message: '`FROM` cannot be an ONBUILD trigger' },
      { line: 4, column: 9, message: '`maintainer` cannot be an ONBUILD trigger ("MAINTAINER isn\'t allowed as an ONBUILD trigger")' },
    ],
    kinds: ['invalid-onbuild', 'invalid-onbuild', 'invalid-onbuild'],
  },
  // --- parser directives
  {
    name: 'an escape directive Docker refuses',
    code: '# escape=/\nFROM alpine:3.21\n',
    errors: [{ line: 1, column: 10, endColumn: 11, message: '`/` cannot be the escape character' }],
    kinds: ['invalid-escape-directive'],
  },
  {
    name: 'a directive given twice',
    code: '# syntax=docker/dockerfile:1\n#escape=`\n# SYNTAX = docker/dockerfile:1.7\nFROM alpine:3.21\n',
    errors: [{ line: 3, column: 1, endColumn: 33, message: 'The `syntax` parser directive is already set above' }],
    kinds: ['duplicate-directive'],
  },
  // --- several at once
  {
    name: 'one finding per mistake in a draft',
    code: 'FORM python:3.13-slim\nWORKDIR /app\nCOPY --chown app:app . .\nEXPOSE 8000/http\nHEALTHCHECK --interval=30 CMD curl -f http://127.0.0.1:8000/ || exit 1\nCMD ["python", "app.py"]\n',
    errors: [
      { line: 1, column: 1, message: 'Did you mean `FROM`?' },
      { line: 3, column: 6, message: 'Write `--chown=app:app`.' },
      { line: 4, column: 8, message: '`http` is not a protocol' },
      { line: 5, column: 13, message: '`30` is not a duration' },
    ],
    kinds: ['unknown-instruction', 'flag-without-value', 'invalid-port', 'invalid-flag-value'],
    output: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY --chown=app:app . .\nEXPOSE 8000/http\nHEALTHCHECK --interval=30 CMD curl -f http://127.0.0.1:8000/ || exit 1\nCMD ["python", "app.py"]\n',
  },
];

runRuleTests(rule, { valid, invalid });

describe('dockerfile-syntax problem kinds', () => {
  it('lists each kind once', () => {
    expect(new Set(SYNTAX_PROBLEMS).size).toBe(SYNTAX_PROBLEMS.length);
  });

  it('produces every kind it lists on at least one invalid case', () => {
    const produced = new Set(invalid.flatMap((c) => syntaxProblems(c.code).map((p) => p.kind)));
    expect(SYNTAX_PROBLEMS.filter((k) => !produced.has(k))).toEqual([]);
  });

  for (const [i, c] of invalid.entries()) {
    it(`invalid #${i + 1}${c.name ? ` (${c.name})` : ''}: each finding is of the kind stated, in order`, () => {
      const problems = syntaxProblems(c.code).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      expect(problems.map((p) => p.kind)).toEqual(c.kinds);
      // the rule reports exactly these problems
      const findings = lint(c.code, { rules: [rule] });
      expect(findings.map((f) => f.message)).toEqual(problems.map((p) => p.message));
    });
  }

  it('valid cases produce no problem either', () => {
    expect(valid.flatMap((c) => syntaxProblems(c.code).map((p) => `${c.name}: ${p.kind}`))).toEqual([]);
  });
});

describe('dockerfile-syntax in exercises', () => {
  const exercise = { checks: [{ kind: 'rule' as const, label: 'Runs as a non-root user', rule: 'user-not-root' }] };

  it('an empty exercise file is not told twice that FROM is missing', () => {
    const result = grade(exercise, { dockerfile: '' });
    expect(result.checks[0].detail).toMatch(/Write a FROM instruction first/);
    expect(result.others.filter((f) => f.rule === 'dockerfile-syntax')).toEqual([]);
    // the editor still marks it
    expect(result.findings.filter((f) => f.rule === 'dockerfile-syntax')).toHaveLength(1);
  });

  it('a misspelt FROM is listed among the other findings', () => {
    const result = grade(exercise, { dockerfile: 'FORM alpine:3.21\nUSER 10001\n' });
    expect(result.others.filter((f) => f.rule === 'dockerfile-syntax').map((f) => f.message)).toEqual([expect.stringContaining('Did you mean `FROM`?')]);
  });
});
