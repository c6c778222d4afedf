import { describe, expect, it } from 'vitest';
import rule, { isValidImageReference } from '../../../src/engine/rules/invalid-default-arg-in-from.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'a default', code: 'ARG TAG=3.23\nFROM alpine:${TAG}\n' },
    { name: 'empty is fine when the reference stays valid', code: 'ARG VARIANT\nFROM busybox:stable${VARIANT}\n' },
    { name: 'a fallback in place', code: 'ARG TAG\nFROM alpine:${TAG:-3.23}\n' },
    { name: 'an undefined variable is undefined-arg-in-from\'s finding', code: 'FROM busybox:${TAG}\n' },
    { name: 'platform ARGs always have a value', code: 'ARG TARGETVARIANT\nFROM --platform=$TARGETPLATFORM alpine:3.23${TARGETVARIANT}\n' },
    { name: 'no variables', code: 'FROM python:3.13-slim\n' },
  ],
  invalid: [
    {
      name: 'an empty tag',
      code: 'ARG NODE_VERSION\nFROM node:${NODE_VERSION}-bookworm-slim\n',
      errors: [
        {
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 40,
          message:
            '`ARG NODE_VERSION` has no default, so without `--build-arg NODE_VERSION=...` this FROM becomes `node:-bookworm-slim`, which is not a valid image reference. Give it a default (`ARG NODE_VERSION=<value>`) or write `${NODE_VERSION:-<value>}` in the FROM.',
        },
      ],
    },
    { name: 'the whole image from one ARG', code: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE} AS app\n', errors: [{ line: 2, column: 6, endColumn: 19, message: 'this FROM becomes `` (nothing)' }] },
    { name: 'a tag that ends in a colon', code: 'ARG TAG\nFROM busybox:${TAG}\n', errors: [{ line: 2, column: 6, message: '`busybox:`' }] },
    { name: 'an empty default is no default', code: 'ARG REGISTRY=""\nFROM ${REGISTRY}/team/app:1.4\n', errors: [{ line: 2, column: 6, endColumn: 30, message: '`/team/app:1.4`' }] },
    {
      name: 'several ARGs',
      code: 'ARG IMAGE\nARG TAG\nFROM ${IMAGE}:${TAG}\n',
      errors: [{ line: 3, column: 6, message: '`ARG IMAGE`, `ARG TAG` have no default' }],
    },
  ],
});

describe('image reference grammar', () => {
  it('accepts what Docker accepts', () => {
    for (const r of ['alpine', 'alpine:3.23', 'library/alpine', 'registry.example.com:5000/team/app:1.4', 'localhost/app', 'a__b/c-d--e:v1.0_rc', 'python@sha256:4c2cf9917bd1cbacc5e9b07320025bdb7cdf2df7b0ceaccb55e9dd7e30987419', 'Registry.Example.com/app']) {
      expect(isValidImageReference(r), r).toBe(true);
    }
  });
  it('rejects what Docker rejects', () => {
    for (const r of ['', 'busybox:', ':3.23', '/team/app', 'Ubuntu:24.04', 'app:-slim', 'app:' + 'x'.repeat(129), 'app@sha256:abc', 'a//b']) {
      expect(isValidImageReference(r), r).toBe(false);
    }
  });
});
