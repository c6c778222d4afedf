import { describe, expect, it } from 'vitest';
import rule from '../../../src/engine/rules/no-eol-base-image.ts';
import { EOL_CHECKED, EOL_PRODUCTS, endOfLifeReleases } from '../../../src/engine/data/eol.ts';
import { parseImageReference } from '../../../src/engine/image-ref.ts';
import { lint } from '../../../src/engine/index.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

const eol = (image: string, asOf?: string) => endOfLifeReleases(parseImageReference(image), asOf).map((m) => `${m.label}@${m.eol}`);

runRuleTests(rule, {
  valid: [
    { name: 'supported python on a supported Debian', code: 'FROM python:3.13-slim-trixie\n' },
    { name: 'bookworm is still in Debian LTS', code: 'FROM python:3.12-slim-bookworm\n' },
    { name: 'supported Node.js LTS', code: 'FROM node:22-alpine\n' },
    { name: 'floating major tags are not judged', code: 'FROM python:3\nFROM node:lts-slim\nFROM golang:alpine\n' },
    { name: 'latest and stable aliases are not judged', code: 'FROM debian:stable-slim\nFROM nginx:stable-alpine\nFROM ubuntu:latest\n' },
    { name: 'supported Ubuntu LTS by codename', code: 'FROM ubuntu:noble-20241015\n' },
    { name: 'supported Alpine', code: 'FROM alpine:3.22.2\n' },
    { name: 'Go 1.26 and 1.27 are the supported pair', code: 'FROM golang:1.26-alpine AS build\nFROM golang:1.27.1-bookworm\n' },
    { name: 'Temurin LTS releases are not in the table', code: 'FROM eclipse-temurin:17-jre-noble\n' },
    { name: 'openjdk early-access tags are still published', code: 'FROM openjdk:28-ea-jdk-slim\n' },
    { name: 'unknown images are not judged', code: 'FROM registry.example.com/platform/python-runtime:3.8\n' },
    { name: 'a stage is not an image', code: 'FROM python:3.13-slim AS base\nFROM base\n' },
    { name: 'scratch', code: 'FROM scratch\n' },
    { name: 'unresolved variables are left to other rules', code: 'FROM python:${PY}-slim\n' },
    { name: 'Node.js 20 the day before its end of life', code: 'FROM node:20-bookworm-slim\n', config: { asOf: '2026-04-29' } },
    { name: 'interim Ubuntu words are not read from other tags', code: 'FROM registry.example.com/app:2.0-disco\n' },
  ],
  invalid: [
    {
      name: 'python 3.8 on Debian buster',
      code: 'FROM python:3.8-slim-buster\nWORKDIR /app\nCMD ["python", "app.py"]\n',
      errors: [
        {
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 28,
          message: '`python:3.8-slim-buster` is end-of-life: Python 3.8 since 2024-10-07 and Debian 10 (buster) since 2024-06-30, so it gets no security fixes however often you rebuild. Move to a supported release: `python:3.13-slim`.',
        },
      ],
    },
    { name: 'node 16 on alpine', code: 'FROM node:16-alpine\n', errors: [{ line: 1, column: 6, endColumn: 20, message: 'Node.js 16 since 2023-09-11' }] },
    { name: 'node by codename', code: 'FROM node:gallium-alpine\n', errors: [{ line: 1, column: 6, message: 'Node.js 16 since 2023-09-11' }] },
    { name: 'debian buster by codename', code: 'FROM debian:buster-slim\n', errors: [{ line: 1, column: 6, endColumn: 24, message: /Debian 10 \(buster\) since 2024-06-30, .* Move to a supported release: `debian:trixie-slim`\.$/ }] },
    { name: 'debian by number', code: 'FROM debian:11.11-slim\n', errors: [{ line: 1, column: 6, message: 'Debian 11 (bullseye) since 2026-08-31' }] },
    { name: 'ubuntu 18.04', code: 'FROM ubuntu:18.04\n', errors: [{ line: 1, column: 6, endColumn: 18, message: 'Ubuntu 18.04 (bionic) since 2023-05-31' }] },
    { name: 'an interim Ubuntu release', code: 'FROM ubuntu:25.04\n', errors: [{ line: 1, column: 6, message: 'Ubuntu 25.04 (plucky) since 2026-01-17' }] },
    { name: 'older than the table reaches', code: 'FROM ubuntu:12.04\n', errors: [{ line: 1, column: 6, message: 'Ubuntu 12.04 (support ended before 2019-04-02)' }] },
    { name: 'alpine 3.18', code: 'FROM alpine:3.18.4\n', errors: [{ line: 1, column: 6, message: 'Alpine 3.18 since 2025-05-09' }] },
    {
      name: 'Go and Alpine both past their end',
      code: 'FROM golang:1.22-alpine3.18 AS build\nRUN go build -o /app .\nFROM alpine:3.23\nCOPY --from=build /app /app\n',
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 28,
          message: 'Go 1.22 since 2025-02-11 and Alpine 3.18 since 2025-05-09, so it gets no security fixes however often you rebuild. This builder stage does not ship, but it still builds what does with unpatched tools: move it to a supported release (`golang:1.27`).',
        },
      ],
    },
    { name: 'every CentOS Linux tag', code: 'FROM centos:7\n', errors: [{ line: 1, column: 6, message: 'CentOS Linux 7 since 2024-06-30' }] },
    { name: 'CentOS without a tag is CentOS 8', code: 'FROM centos\n', errors: [{ line: 1, column: 6, endColumn: 12, message: 'CentOS Linux since 2024-06-30' }] },
    { name: 'CentOS Stream 8', code: 'FROM quay.io/centos/centos:stream8\n', errors: [{ line: 1, column: 6, message: 'CentOS Stream 8 since 2024-05-31' }] },
    { name: 'nginx 1.27', code: 'FROM nginx:1.27.5-alpine\n', errors: [{ line: 1, column: 6, message: 'nginx 1.27 since 2025-06-24' }] },
    { name: 'unprivileged nginx 1.28', code: 'FROM nginxinc/nginx-unprivileged:1.28-alpine-slim\n', errors: [{ line: 1, column: 6, message: 'nginx 1.28 since 2026-04-14' }] },
    { name: 'php 8.1', code: 'FROM php:8.1-fpm-alpine\n', errors: [{ line: 1, column: 6, message: 'PHP 8.1 since 2025-12-31' }] },
    { name: 'ruby 2.7 on bullseye', code: 'FROM ruby:2.7-slim-bullseye\n', errors: [{ line: 1, column: 6, message: 'Ruby 2.7 since 2023-03-31 and Debian 11 (bullseye) since 2026-08-31' }] },
    { name: 'the deprecated openjdk image', code: 'FROM openjdk:17-jdk-slim\n', errors: [{ line: 1, column: 6, message: '`eclipse-temurin:21-jre`' }] },
    { name: 'an Ubuntu LTS suffix on another image', code: 'FROM eclipse-temurin:11-jre-focal\n', errors: [{ line: 1, column: 6, message: 'Ubuntu 20.04 (focal) since 2025-05-31, so it gets no security fixes however often you rebuild. Move to a supported release: a tag on a supported Ubuntu LTS' }] },
    { name: 'python 2', code: 'FROM python:2.7.18-slim\n', errors: [{ line: 1, column: 6, message: 'Python 2 since 2020-01-01' }] },
    { name: 'the default asOf is the table date', code: 'FROM python:3.10-slim\n', errors: [{ line: 1, column: 6, message: 'Python 3.10 since 2026-10-31' }] },
    { name: 'Node.js 20 on its end-of-life day', code: 'FROM node:20-bookworm-slim\n', config: { asOf: '2026-04-30' }, errors: [{ line: 1, column: 6 }] },
    {
      name: 'ARG-built reference',
      code: 'ARG NODE_VERSION=18\nFROM node:${NODE_VERSION}-alpine\n',
      errors: [{ line: 2, column: 6, endColumn: 33, message: '`node:${NODE_VERSION}-alpine` (`node:18-alpine`) is end-of-life: Node.js 18 since 2025-04-30' }],
    },
    {
      name: 'a mirror keeps the official path',
      code: 'FROM mirror.gcr.io/library/python:3.9-slim\n',
      errors: [{ line: 1, column: 6, message: 'Python 3.9 since 2025-10-31' }],
    },
    {
      name: 'every stage is judged, each in its own words',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nRUN go build -o /app .\nFROM debian:buster-slim\nCOPY --from=build /app /app\n',
      errors: [
        { line: 1, column: 32, endColumn: 43, message: 'This builder stage does not ship' },
        { line: 3, column: 6, endColumn: 24, message: 'Move to a supported release: `debian:trixie-slim`.' },
      ],
    },
  ],
});

describe('the end-of-life table', () => {
  it('reads versions, codenames and tag suffixes', () => {
    expect(eol('python:3.8-slim-buster')).toEqual(['Python 3.8@2024-10-07', 'Debian 10 (buster)@2024-06-30']);
    expect(eol('node:hydrogen-bullseye-slim')).toEqual(['Node.js 18@2025-04-30', 'Debian 11 (bullseye)@2026-08-31']);
    expect(eol('php:7.4-fpm-alpine3.16')).toEqual(['PHP 7.4@2022-11-28', 'Alpine 3.16@2024-05-23']);
    expect(eol('golang:1.9')).toEqual(['Go 1.9@2021-08-16']);
    expect(eol('amazonlinux:2')).toEqual(['Amazon Linux 2@2026-06-30']);
  });
  it('judges at the date it is given', () => {
    expect(eol('alpine:3.21', '2026-10-31')).toEqual([]);
    expect(eol('alpine:3.21', '2026-11-01')).toEqual(['Alpine 3.21@2026-11-01']);
    expect(eol('debian:bullseye', '2026-08-30')).toEqual([]);
  });
  it('leaves what it does not know alone', () => {
    expect(eol('python:3')).toEqual([]);
    expect(eol('node:current-alpine')).toEqual([]);
    expect(eol('alpine:edge')).toEqual([]);
    expect(eol('alpine:20240807')).toEqual([]);
    expect(eol('python@sha256:4c2cf9917bd1cbacc5e9b07320025bdb7cdf2df7b0ceaccb55e9dd7e30987419')).toEqual([]);
  });
  it('is dated and sourced, with dates that are real days', () => {
    expect(EOL_CHECKED).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const p of EOL_PRODUCTS) {
      expect(p.source.length, p.id).toBeGreaterThan(10);
      for (const c of p.cycles) {
        expect(c.eol, `${p.id} ${c.cycle}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${c.eol}T00:00:00Z`).toISOString().slice(0, 10), `${p.id} ${c.cycle}`).toBe(c.eol);
      }
    }
  });
  it('is what lint uses by default', () => {
    const findings = lint('FROM python:3.10-slim\n', { rules: [rule] });
    expect(findings).toHaveLength(1);
    expect(lint('FROM python:3.10-slim\n', { rules: [rule], config: { asOf: '2026-10-30' } })).toEqual([]);
  });
});
