import { describe, expect, it } from 'vitest';
import rule, { isTrusted, normalizeRegistryEntry } from '../../../src/engine/rules/trusted-base-image.ts';
import { DEFAULT_TRUSTED_REGISTRIES } from '../../../src/engine/data/registries.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'official image', code: 'FROM python:3.13-slim\n' },
    { name: 'official image with the registry written out', code: 'FROM docker.io/library/node:22-bookworm-slim\n' },
    { name: 'index.docker.io is Docker Hub', code: 'FROM index.docker.io/library/node:22\n' },
    { name: 'vendor registry from the default list', code: 'FROM gcr.io/distroless/static-debian12:nonroot\n' },
    { name: 'a whole registry host is trusted', code: 'FROM mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled\n' },
    { name: 'verified publisher namespace', code: 'FROM nginxinc/nginx-unprivileged:1.30-alpine\n' },
    { name: 'Docker\'s own namespaces', code: 'FROM docker/buildx-bin:0.19 AS buildx\nFROM moby/buildkit:v0.19.0\n' },
    { name: 'ECR mirror of the official images', code: 'FROM public.ecr.aws/docker/library/python:3.13-slim\n' },
    { name: 'a stage is not an image', code: 'FROM python:3.13-slim AS base\nRUN pip install --no-cache-dir flask==3.1.0\nFROM base\n' },
    { name: 'stage names are case-insensitive', code: 'FROM python:3.13-slim AS Base\nFROM BASE\n' },
    { name: 'scratch pulls nothing', code: 'FROM scratch\nCOPY app /app\n' },
    { name: 'unresolved variable is left to undefined-arg-in-from', code: 'FROM ${BASE_IMAGE}\n' },
    {
      name: 'the organisation mirror, configured',
      code: 'ARG REGISTRY=registry.example.com\nFROM ${REGISTRY}/platform/python:3.13-slim\n',
      config: { trustedRegistries: ['registry.example.com'] },
    },
    {
      name: 'host and path prefix',
      code: 'FROM registry.example.com/mirror/library/python:3.13-slim\n',
      config: { trustedRegistries: ['registry.example.com/mirror'] },
    },
    {
      name: 'entries are normalised (scheme, case, trailing slash)',
      code: 'FROM registry.example.com:5000/team/base:1.4\n',
      config: { trustedRegistries: ['https://Registry.Example.com:5000/Team/'] },
    },
    {
      name: 'a bare namespace entry means Docker Hub',
      code: 'FROM mycompany/python-base:3.13\n',
      config: { trustedRegistries: ['mycompany'] },
    },
  ],
  invalid: [
    {
      name: 'personal Docker Hub namespace',
      code: 'FROM someuser/python:3.12\nCMD ["python", "app.py"]\n',
      errors: [{ line: 1, column: 6, endLine: 1, endColumn: 26, message: 'if `docker.io/someuser` is one you trust, add it to the `trustedRegistries` setting' }],
    },
    {
      name: 'the message says what to use',
      code: 'FROM ghcr.io/someone/node:22\n',
      errors: [{ line: 1, column: 6, message: /Docker Official Image, a verified publisher's image, or your organisation's mirror/ }],
    },
    {
      name: 'a prefix matches whole path components only',
      code: 'FROM registry.example.com/teamwork/app:1.0\n',
      config: { trustedRegistries: ['registry.example.com/team'] },
      errors: [{ line: 1, column: 6, endColumn: 43, message: '`registry.example.com/teamwork`' }],
    },
    {
      name: 'docker.io/library does not cover look-alike namespaces',
      code: 'FROM library-images/python:3.13\n',
      errors: [{ line: 1, column: 6, message: '`library-images/python:3.13`' }],
    },
    {
      name: 'an organisation that allows only its mirror',
      code: 'FROM python:3.13-slim\n',
      config: { trustedRegistries: ['registry.example.com'] },
      errors: [{ line: 1, column: 6, endColumn: 22, message: 'This project trusts: `registry.example.com`.' }],
    },
    {
      name: 'builder stages are judged too: their output ends up in the image',
      code: 'FROM ghcr.io/someone/builder:1 AS build\nRUN make\nFROM python:3.13-slim\nCOPY --from=build /out /app\n',
      errors: [{ line: 1, column: 6, endColumn: 31 }],
    },
    {
      name: 'ARG-built reference',
      code: 'ARG BASE=quay.io/someone/python:3.12\nFROM ${BASE} AS app\n',
      errors: [{ line: 2, column: 6, endColumn: 13, message: '`${BASE}` (`quay.io/someone/python:3.12`)' }],
    },
    {
      name: 'after --platform, across a line continuation',
      code: 'FROM --platform=$BUILDPLATFORM \\\n    someuser/golang:1.27 AS build\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 25 }],
    },
    {
      name: 'with the backtick escape character',
      code: '# escape=`\nFROM someuser/windows-base:ltsc2022\nRUN Write-Host `\n  hello\n',
      errors: [{ line: 2, column: 6, endColumn: 36 }],
    },
  ],
});

describe('trusted registry matching', () => {
  it('normalises entries', () => {
    expect(normalizeRegistryEntry(' https://GCR.io/distroless/ ')).toBe('gcr.io/distroless');
    expect(normalizeRegistryEntry('index.docker.io/library')).toBe('docker.io/library');
    expect(normalizeRegistryEntry('bitnami')).toBe('docker.io/bitnami');
    expect(normalizeRegistryEntry('localhost:5000')).toBe('localhost:5000');
    expect(normalizeRegistryEntry('  ')).toBeUndefined();
  });
  it('matches at path-component boundaries', () => {
    expect(isTrusted('docker.io/library/python', DEFAULT_TRUSTED_REGISTRIES)).toBe(true);
    expect(isTrusted('docker.io/libraryx/python', DEFAULT_TRUSTED_REGISTRIES)).toBe(false);
    expect(isTrusted('gcr.io/distroless', ['gcr.io/distroless'])).toBe(true);
    expect(isTrusted('gcr.io/distroless-fake/static', ['gcr.io/distroless'])).toBe(false);
    expect(isTrusted('registry.example.com/app', [])).toBe(false);
  });
});
