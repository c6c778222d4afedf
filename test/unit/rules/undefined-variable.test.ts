import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/index.ts';
import rule from '../../../src/engine/rules/undefined-variable.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'declared by ARG', code: 'FROM alpine:3.20 AS base\nARG foo\nCOPY $foo .\n' },
    { name: 'declared by ENV', code: 'FROM alpine:3.20\nENV APP_HOME=/srv/app\nWORKDIR $APP_HOME\nCOPY . ${APP_HOME}/\n' },
    { name: 'set by the base image', code: 'FROM python:3.13-slim\nARG VERSION=$PYTHON_VERSION\nENV PATH=/app/bin:$PATH\n' },
    { name: 'golang sets GOPATH', code: 'FROM golang:1.27-bookworm\nWORKDIR $GOPATH/src/app\n' },
    { name: 'PATH always exists, even on scratch', code: 'FROM scratch\nENV PATH=/app:$PATH\n' },
    { name: 'variables in RUN, CMD and ENTRYPOINT are the shell\'s', code: 'FROM alpine:3.20\nRUN echo "$HOME $UNSET" && cd $WHATEVER\nCMD echo $HOSTNAME\nENTRYPOINT ["sh", "-c", "echo $X"]\n' },
    { name: 'escaped dollar', code: 'FROM alpine:3.20\nENV PRICE=\\$5\nLABEL note="costs \\$FIVE"\n' },
    { name: 'single quotes are literal', code: "FROM alpine:3.20\nENV TEMPLATE='Hello $NAME'\n" },
    { name: 'defaults and alternatives handle an unset variable', code: 'FROM alpine:3.20\nENV PORT=${PORT:-8080} A=${B-x} C=${D:+y} E=${F:?required}\nEXPOSE ${PORT:-8080}\n' },
    { name: 'the node image sets NODE_VERSION itself', code: 'ARG NODE_VERSION=22.11.0\nFROM node:${NODE_VERSION}-bookworm-slim\nLABEL node=$NODE_VERSION\n' },
    { name: 'a global ARG redeclared in the stage', code: 'ARG VERSION=1.2.3\nFROM alpine:3.20\nARG VERSION\nLABEL version=$VERSION\n' },
    { name: 'a platform ARG declared in the stage', code: 'FROM alpine:3.20\nARG TARGETARCH\nCOPY bin/app-${TARGETARCH} /app\n' },
    { name: 'ARG sets its names in order', code: 'FROM alpine:3.20\nARG A=1 B=$A\n' },
    { name: 'global ARG defaults use earlier ones and the platform ARGs', code: 'ARG PY=3.13\nARG IMAGE=python:${PY}-slim\nARG ARCH=$TARGETARCH\nFROM $IMAGE\n' },
    { name: 'ENV carries into a stage built FROM it', code: 'FROM alpine:3.20 AS base\nENV APP=/app\nFROM base\nWORKDIR $APP\n' },
    { name: 'so does ARG (BuildKit keeps the parent stage\'s arguments)', code: 'FROM alpine:3.20 AS base\nARG LOCAL=1\nFROM base\nLABEL local=$LOCAL\n' },
    { name: 'a quoted heredoc delimiter keeps the text literal', code: "FROM nginx:1.27-alpine\nCOPY <<'EOF' /etc/nginx/conf.d/default.conf\nlocation / { try_files $uri $uri/ /index.html; }\nEOF\n" },
    { name: 'RUN heredocs are the shell\'s', code: 'FROM alpine:3.20\nRUN <<EOF\necho $HOME $UNSET\nEOF\n' },
    { name: 'an unknown base image may set anything', code: 'FROM registry.example.com/base:1\nWORKDIR $APP_HOME\nENV PYTHONPATH=$PYTHONPATH:/app\n' },
    { name: 'a RUN --mount with a declared variable', code: 'FROM golang:1.27\nENV GOCACHE=/root/.cache/go-build\nRUN --mount=type=cache,target=$GOCACHE go build ./...\n' },
    { name: 'FROM lines are undefined-arg-in-from\'s', code: 'FROM python:${TAG}\n' },
    { name: 'MAINTAINER, SHELL and ONBUILD expand nothing now', code: 'FROM alpine:3.20\nMAINTAINER $ME\nSHELL ["/bin/sh", "-c", "$X"]\nONBUILD COPY $SRC /app\n' },
    { name: 'a dollar without a name', code: 'FROM alpine:3.20\nLABEL price="5 $" regex="^a$"\n' },
  ],
  invalid: [
    {
      name: 'the BuildKit example',
      code: 'FROM alpine:3.20 AS base\nCOPY $foo .\n',
      errors: [{ line: 2, column: 6, endLine: 2, endColumn: 10, message: '`$foo` expands to an empty string: no ARG or ENV above declares `foo`, and the base image does not set it.' }],
    },
    {
      name: 'a typo of PATH',
      code: 'FROM alpine:3.20\nENV PATH=$PAHT:/app/bin\n',
      errors: [{ line: 2, column: 10, endColumn: 15, message: 'Did you mean `$PATH`?' }],
    },
    {
      name: 'a typo is reported even on an unknown base',
      code: 'FROM registry.example.com/base:1\nENV APP_HOME=/srv/app\nWORKDIR ${APP_HOEM}\n',
      errors: [{ line: 3, column: 9, endColumn: 20, message: '(unless the base image sets it): nothing declares `APP_HOEM`. Did you mean `$APP_HOME`?' }],
    },
    {
      name: 'a global ARG not redeclared: fixed by declaring it in the stage',
      code: 'ARG APP_VERSION=1.4.2\nFROM python:3.13-slim\nWORKDIR /app\nLABEL description="Orders ${APP_VERSION}"\nENV VERSION=$APP_VERSION\n',
      errors: [
        { line: 4, column: 27, message: 'the `ARG APP_VERSION` before the first FROM is for FROM lines only. Declare `ARG APP_VERSION` (without a value) in this stage' },
        { line: 5, column: 13 },
      ],
      output: 'ARG APP_VERSION=1.4.2\nFROM python:3.13-slim\nWORKDIR /app\nARG APP_VERSION\nLABEL description="Orders ${APP_VERSION}"\nENV VERSION=$APP_VERSION\n',
    },
    {
      name: 'a platform ARG not declared in the stage',
      code: 'FROM alpine:3.20\r\nENV ARCH=${TARGETARCH}\r\n',
      errors: [{ line: 2, column: 10, message: 'BuildKit sets `TARGETARCH` for FROM lines only' }],
      output: 'FROM alpine:3.20\r\nARG TARGETARCH\r\nENV ARCH=${TARGETARCH}\r\n',
    },
    {
      name: 'in a path, it is reported without a fix: the declaration is the learner\'s call',
      code: 'FROM alpine:3.20\nCOPY bin/app-${TARGETARCH} /app\n',
      errors: [{ line: 2, column: 14, message: 'Declare `ARG TARGETARCH` (without a value) in this stage to read it.' }],
      output: 'FROM alpine:3.20\nCOPY bin/app-${TARGETARCH} /app\n',
    },
    {
      name: 'an ARG of another stage',
      code: 'FROM golang:1.27 AS build\nARG GO_VERSION=1.27\nRUN go build\nFROM gcr.io/distroless/static-debian12:nonroot\nLABEL go=${GO_VERSION}\n',
      errors: [{ line: 5, column: 10, message: '`GO_VERSION` is declared in stage `build` (line 2), and ARG and ENV end with their stage' }],
    },
    {
      name: 'declared below its use',
      code: 'FROM alpine:3.20\nWORKDIR $APP_HOME\nENV APP_HOME=/app\n',
      errors: [{ line: 2, column: 9, message: '`APP_HOME` is declared on line 3, below this line. Move that ENV above it.' }],
    },
    {
      name: 'ENV sets its variables at once',
      code: 'FROM alpine:3.20\nENV APP=/app DATA=$APP/data\n',
      errors: [{ line: 2, column: 19, message: 'ENV sets all its variables at once' }],
    },
    {
      name: 'an unset base variable: the leading colon puts the working directory on the path',
      code: 'FROM python:3.13-slim\nENV PYTHONPATH=$PYTHONPATH:/app\n',
      errors: [{ line: 2, column: 16, endColumn: 27 }],
    },
    {
      name: 'HOME is not set for the build',
      code: 'FROM python:3.13-slim\nWORKDIR $HOME/app\n',
      errors: [{ line: 2, column: 9, message: 'or write `${HOME:-<default>}` if empty is expected' }],
    },
    {
      name: 'an unquoted COPY heredoc expands nginx variables to nothing',
      code: 'FROM nginx:1.27-alpine\nCOPY <<EOF /etc/nginx/conf.d/default.conf\nlocation / { try_files $uri /index.html; }\nEOF\n',
      errors: [{ line: 3, column: 24, endColumn: 28, message: "This heredoc's delimiter is unquoted, so BuildKit expands it: `$uri` expands to an empty string" }],
    },
    {
      name: 'flags BuildKit expands',
      code: 'FROM alpine:3.20\nCOPY --chown=$APP_UID:$APP_GID app /app\nRUN --mount=type=cache,target=$CACHE true\n',
      errors: [{ line: 2, column: 14 }, { line: 2, column: 23 }, { line: 3, column: 31 }],
    },
    {
      name: 'an ARG default, in a stage and before FROM',
      code: 'ARG IMAGE=python:${PY_VERSION}-slim\nFROM alpine:3.20\nARG VERSION=$foo\n',
      errors: [
        { line: 1, column: 18, message: 'no ARG above it declares `PY_VERSION`' },
        { line: 3, column: 13 },
      ],
    },
    {
      name: 'the other expansions (#, %) still need the variable',
      code: 'FROM alpine:3.20\nLABEL short=${COMMIT%????}\n',
      errors: [{ line: 2, column: 13 }],
    },
    {
      name: 'double quotes expand',
      code: 'FROM alpine:3.20\nLABEL description="built from $COMMIT"\n',
      errors: [{ line: 2, column: 31 }],
    },
    {
      name: 'a continued line with a comment inside',
      code: 'FROM alpine:3.20\nENV A=1 \\\n# $NOT_THIS\n    B=$UNSET\n',
      errors: [{ line: 4, column: 7 }],
    },
    {
      name: 'the fix is offered once per stage and name',
      code: 'ARG V=1\nFROM alpine:3.20\nLABEL a=$V\nLABEL b=$V\n',
      errors: [{ line: 3, column: 9 }, { line: 4, column: 9 }],
      output: 'ARG V=1\nFROM alpine:3.20\nARG V\nLABEL a=$V\nLABEL b=$V\n',
    },
  ],
});

describe('undefined-variable cost', () => {
  it('stays linear on many instructions without a `$`', () => {
    const text = `FROM alpine:3.20\n${'ENV A=1\n'.repeat(20_000)}LABEL x=$Y\n`;
    const started = performance.now();
    const found = lint(text, { rules: [rule] });
    expect(found).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
