import { describe, expect, it } from 'vitest';
import rule from '../../../src/engine/rules/minimal-final-base.ts';
import { fullVariantOf, looksMinimal } from '../../../src/engine/data/image-variants.ts';
import { parseImageReference } from '../../../src/engine/image-ref.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

const ref = parseImageReference;

runRuleTests(rule, {
  valid: [
    { name: 'slim', code: 'FROM python:3.13-slim\nCMD ["python", "app.py"]\n' },
    { name: 'slim with a suite', code: 'FROM python:3.13-slim-trixie\n' },
    { name: 'alpine with its version', code: 'FROM node:22-alpine3.21\n' },
    { name: 'distroless', code: 'FROM gcr.io/distroless/static-debian12:nonroot\n' },
    { name: 'chainguard', code: 'FROM cgr.dev/chainguard/python:latest\n' },
    { name: 'ubi micro', code: 'FROM registry.access.redhat.com/ubi9/ubi-micro:9.5\n' },
    { name: 'scratch', code: 'FROM golang:1.27 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n' },
    {
      name: 'the full image in a builder stage is fine',
      code:
        'FROM python:3.13 AS build\nRUN pip wheel --wheel-dir /wheels -r requirements.txt\n' +
        'FROM python:3.13-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*\n',
    },
    { name: 'the final stage builds on a slim stage', code: 'FROM node:22-bookworm-slim AS base\nWORKDIR /app\nFROM base AS runtime\nCMD ["node", "server.js"]\n' },
    { name: 'an image Shipshape does not know is not judged', code: 'FROM registry.example.com/platform/runtime:4.2\n' },
    { name: 'Windows images are not judged', code: 'FROM python:3.13-windowsservercore-ltsc2022\n' },
    { name: 'unresolved variables are left to other rules', code: 'FROM python:${PY_VERSION}\n' },
    { name: 'ARG-built slim reference', code: 'ARG VARIANT=slim\nFROM python:3.13-${VARIANT}\n' },
  ],
  invalid: [
    {
      name: 'the full python image',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
      errors: [{ line: 1, column: 6, endLine: 1, endColumn: 17, message: /`python:3\.12`, the full variant built on buildpack-deps.*Use `python:3\.12-slim`/ }],
    },
    {
      name: 'the message quotes a size',
      code: 'FROM python:3.12-bookworm\n',
      errors: [{ line: 1, column: 6, message: /(about \d+ MB compressed|roughly 1 GB unpacked)\. Use `python:3\.12-slim-bookworm`/ }],
    },
    {
      name: 'node puts slim after the suite',
      code: 'FROM node:22-bookworm\nUSER node\nCMD ["node", "server.js"]\n',
      errors: [{ line: 1, column: 6, endColumn: 22, message: 'Use `node:22-bookworm-slim`' }],
    },
    {
      name: 'ruby, not in the facts table, falls back on the tag',
      code: 'FROM ruby:3.4\nCMD ["bundle", "exec", "puma"]\n',
      errors: [{ line: 1, column: 6, message: /`ruby:3\.4`.*Use `ruby:3\.4-slim`/ }],
    },
    {
      name: 'golang as the runtime image',
      code: 'FROM golang:1.27\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
      errors: [{ line: 1, column: 6, message: /Use `gcr\.io\/distroless\/static-debian12`( \(about \d+ MB\))? with the binary built in a `golang` builder stage/ }],
    },
    {
      name: 'no tag means the full latest',
      code: 'FROM node\n',
      errors: [{ line: 1, column: 6, endColumn: 10, message: 'Use `node:slim`' }],
    },
    {
      name: 'through a stage chain: reported where the base is named',
      code: 'FROM python:3.12-bookworm AS base\nWORKDIR /app\nFROM base AS runtime\nCMD ["python", "app.py"]\n',
      errors: [{ line: 1, column: 6, endColumn: 26, message: 'The final image (through stage `runtime`) is based on `python:3.12-bookworm`' }],
    },
    {
      name: 'ARG-built reference',
      code: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}\n',
      errors: [{ line: 2, column: 6, endColumn: 30, message: 'based on `python:3.12`' }],
    },
    {
      name: 'a mirror of the official image',
      code: 'FROM registry.example.com/dockerhub/library/python:3.12\n',
      errors: [{ line: 1, column: 6, message: 'Use `python:3.12-slim`' }],
    },
  ],
});

describe('image variants by name', () => {
  it('recognises minimal variants', () => {
    for (const r of ['python:3.13-slim', 'node:22-alpine', 'alpine:3.21', 'gcr.io/distroless/base-debian12', 'cgr.dev/chainguard/node', 'redhat/ubi9-minimal', 'mcr.microsoft.com/dotnet/runtime-deps:9.0-noble-chiseled-extra']) {
      expect(looksMinimal(ref(r)), r).toBe(true);
    }
    for (const r of ['python:3.13', 'node:22-bookworm', 'ubuntu:24.04', 'registry.example.com/app:slimmer']) {
      expect(looksMinimal(ref(r)), r).toBe(false);
    }
  });
  it('knows only the buildpack-deps images as full variants', () => {
    expect(fullVariantOf(ref('python:3.13'))?.suggest('3.13').image).toBe('python:3.13-slim');
    expect(fullVariantOf(ref('python:bookworm'))?.suggest('bookworm').image).toBe('python:slim-bookworm');
    expect(fullVariantOf(ref('buildpack-deps:bookworm-scm'))?.suggest('bookworm-scm').image).toBe('debian:bookworm-slim');
    expect(fullVariantOf(ref('python:3.13-slim'))).toBeUndefined();
    expect(fullVariantOf(ref('ubuntu:24.04'))).toBeUndefined();
    expect(fullVariantOf(ref('someone/python:3.13'))).toBeUndefined();
  });
});
