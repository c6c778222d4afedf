import rule from '../../../src/engine/rules/no-build-tools-in-final-stage.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    {
      name: 'build tools in the builder stage only',
      code:
        'FROM golang:1.27-alpine AS build\nRUN apk add --no-cache git make gcc musl-dev\nCOPY . .\nRUN make && go build -o /out/api ./cmd/api\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/api /api\nENTRYPOINT ["/api"]\n',
    },
    {
      name: 'a stage the final image does not use',
      code: 'FROM debian:trixie AS test\nRUN apt-get update && apt-get install -y gcc make\nRUN make test\nFROM python:3.13-slim\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'apk virtual package removed in the same RUN',
      code:
        'FROM python:3.13-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev libffi-dev \\\n' +
        ' && pip install --no-cache-dir cffi==1.17.1 \\\n && apk del --no-network .build-deps\n',
    },
    {
      name: 'apt packages purged in the same RUN',
      code:
        'FROM python:3.13-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends gcc libpq-dev \\\n' +
        ' && pip install --no-cache-dir psycopg2==2.9.10 \\\n && apt-get purge -y --auto-remove gcc libpq-dev \\\n && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'the official images\' apt-mark pattern',
      code:
        'FROM python:3.13-slim\nRUN set -eux; \\\n  savedAptMark="$(apt-mark showmanual)"; \\\n  apt-get update; \\\n' +
        '  apt-get install -y --no-install-recommends gcc libc6-dev; \\\n  pip install --no-cache-dir uwsgi==2.0.28; \\\n' +
        "  apt-mark auto '.*' > /dev/null; \\\n  apt-mark manual $savedAptMark; \\\n" +
        '  apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \\\n  rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'built from source in one RUN that removes its toolchain (the official node:alpine pattern)',
      code:
        'FROM alpine:3.23\nRUN apk add --no-cache libstdc++ \\\n' +
        '    && apk add --no-cache --virtual .build-deps-full binutils-gold g++ gcc linux-headers make python3 \\\n' +
        '    && ./configure && make -j"$(nproc)" && make install \\\n    && apk del .build-deps-full\nCMD ["node"]\n',
    },
    { name: 'runtime libraries are fine', code: 'FROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 ca-certificates curl\n' },
    { name: 'running the app is not building it', code: 'FROM node:22-bookworm-slim\nRUN npm ci --omit=dev && npm run start:check\nRUN go version || true\n' },
    { name: 'the word make as an argument', code: 'FROM alpine:3.23\nRUN echo make > /etc/motd\n' },
    { name: 'packages from a variable are unknown', code: 'FROM debian:trixie-slim\nARG BUILD_DEPS\nRUN apt-get install -y $BUILD_DEPS\n' },
    { name: 'go mod download only fetches', code: 'FROM golang:1.27\nRUN go mod download\n' },
  ],
  invalid: [
    {
      name: 'compilers and headers in a single-stage python image',
      code:
        'FROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\\n' +
        ' && pip install --no-cache-dir psycopg2==2.9.10\n',
      errors: [
        {
          line: 2,
          column: 66,
          endLine: 2,
          endColumn: 79,
          message: '`gcc` and `libpq-dev` are build tools installed in the final stage, so they ship with the image. Install them in a builder stage',
        },
      ],
    },
    {
      name: 'one package per line: the range spans them',
      code: 'FROM debian:trixie-slim\nRUN apt-get install -y \\\n      build-essential \\\n      ca-certificates \\\n      cmake\n',
      errors: [{ line: 3, column: 7, endLine: 5, endColumn: 12, message: '`build-essential` and `cmake` are build tools' }],
    },
    {
      name: 'go build in the final stage',
      code: 'FROM golang:1.27-alpine\nRUN apk add --no-cache git\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /usr/local/bin/api ./cmd/api\n',
      errors: [
        { line: 2, column: 24, endColumn: 27, message: '`git` is a build tool installed in the final stage, so it ships with the image.' },
        { line: 4, column: 19, endColumn: 27, message: '`go build` runs in the final stage, so the toolchain and your sources ship with the image. Build in a builder stage (`FROM golang:<version> AS build`)' },
      ],
    },
    {
      name: 'a toolchain kept after the build: both the install and the build are reported',
      code: 'FROM alpine:3.23\nRUN apk add --no-cache gcc musl-dev && gcc -O2 -o /usr/local/bin/tool tool.c\n',
      errors: [
        { line: 2, column: 24, endColumn: 36, message: '`gcc` and `musl-dev` are build tools' },
        { line: 2, column: 40, endColumn: 43, message: '`gcc` runs in the final stage' },
      ],
    },
    { name: 'through sudo', code: 'FROM ubuntu:24.04\nRUN sudo -E apt-get install -y make\n', errors: [{ line: 2, column: 32, endColumn: 36, message: '`make` is a build tool' }] },
    {
      name: 'removed only in a later RUN',
      code: 'FROM python:3.13-slim\nRUN apt-get update && apt-get install -y gcc\nRUN pip install --no-cache-dir uwsgi==2.0.28\nRUN apt-get purge -y gcc\n',
      errors: [{ line: 2, column: 42, endColumn: 45, message: 'Removing it in a later RUN still leaves it in this layer' }],
    },
    {
      name: 'a virtual package that is never deleted',
      code: 'FROM python:3.13-alpine\nRUN apk add --no-cache --virtual .build-deps build-base\n',
      errors: [{ line: 2, column: 46, endColumn: 56, message: '`build-base`' }],
    },
    {
      name: 'a stage the final image is built on',
      code: 'FROM python:3.13-slim AS base\nRUN apt-get update && apt-get install -y gcc\nFROM base\nCMD ["python", "app.py"]\n',
      errors: [{ line: 2, column: 42, message: 'installed in stage `base`, which the final image is built on' }],
    },
    {
      name: 'RPM-based images',
      code: 'FROM registry.access.redhat.com/ubi9/ubi:9.5\nRUN dnf install -y gcc-c++ make openssl-devel && dnf clean all\n',
      errors: [{ line: 2, column: 20, endColumn: 46, message: '`gcc-c++`, `make` and `openssl-devel` are build tools' }],
    },
    {
      name: 'a heredoc script',
      code: 'FROM debian:trixie-slim\nRUN <<EOF\napt-get update\napt-get install -y build-essential\nEOF\n',
      errors: [{ line: 4, column: 20, endColumn: 35, message: '`build-essential`' }],
    },
    {
      name: 'the backtick escape character',
      code: '# escape=`\nFROM debian:trixie-slim\nRUN apt-get install -y `\n    git\n',
      errors: [{ line: 4, column: 5, endColumn: 8, message: '`git`' }],
    },
    {
      name: 'builds started by other toolchains',
      code:
        'FROM node:22-bookworm-slim\nRUN npm ci && npm run build\n' +
        'RUN mvn -B package -DskipTests\nRUN ./gradlew --no-daemon bootJar\nRUN cargo build --release\n' +
        'RUN gcc -O2 -o /usr/local/bin/tool tool.c\nRUN yarn build\nRUN dotnet publish -c Release -o /out\n',
      errors: [
        { line: 2, column: 15, endColumn: 28, message: '`npm run build`' },
        { line: 3, column: 5, endColumn: 19, message: '`mvn package`' },
        { line: 4, column: 5, endColumn: 34, message: '`gradlew bootJar`' },
        { line: 5, column: 5, endColumn: 16, message: '`cargo build`' },
        { line: 6, column: 5, endColumn: 8, message: '`gcc`' },
        { line: 7, column: 5, endColumn: 15, message: '`yarn build`' },
        { line: 8, column: 5, endColumn: 19, message: '`dotnet publish`' },
      ],
    },
  ],
});
