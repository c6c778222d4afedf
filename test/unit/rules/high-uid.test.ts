import rule from '../../../src/engine/rules/high-uid.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM python:3.13-slim\nUSER 10001\n' },
    { name: 'exactly 10000', code: 'FROM python:3.13-slim\nUSER 10000:0\n' },
    { name: 'nobody (65534)', code: 'FROM alpine:3.20\nUSER 65534\n' },
    { name: 'a named user is numeric-user’s finding', code: 'FROM node:22-alpine\nUSER node\n' },
    { name: 'root is user-not-root’s finding', code: 'FROM debian:12-slim\nUSER 0\n' },
    { name: 'base image default users are the publisher’s choice', code: 'FROM nginxinc/nginx-unprivileged:1.27\n' },
    { name: 'low UID in a builder stage only', code: 'FROM node:22 AS build\nUSER 1000\nRUN npm ci\nFROM node:22-alpine\nUSER 10001\n' },
    { name: 'high UID through an ARG', code: 'FROM debian:12-slim\nARG UID=10001\nUSER ${UID}:0\n' },
  ],
  invalid: [
    {
      name: 'UID 1000, the first host login',
      code: 'FROM node:22-bookworm-slim\nRUN useradd --uid 1000 app\nUSER 1000\n',
      errors: [{ line: 3, column: 6, endLine: 3, endColumn: 10, message: 'UID 1000 is in the range of regular host logins' }],
    },
    {
      name: 'system range, with a group',
      code: 'FROM alpine:3.20\nUSER 101:0\n',
      errors: [{ line: 2, column: 6, endColumn: 9, message: 'UID 101 is in a system account range' }],
    },
    {
      name: 'through an ARG default',
      code: 'FROM debian:12-slim\nARG UID=1001\nUSER ${UID}\n',
      errors: [{ line: 3, column: 6, endColumn: 12, message: 'UID 1001' }],
    },
    {
      name: 'an image without a shell: no useradd advice',
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER 1001\n',
      errors: [{ line: 3, column: 6, message: 'this image has no shell to create an account in, and a numeric USER needs none' }],
    },
    {
      name: 'a debian image still gets the useradd advice',
      code: 'FROM debian:12-slim\nUSER 1001\n',
      errors: [{ line: 2, column: 6, message: 'and create the account with it (`useradd --uid 10001 app`)' }],
    },
    {
      name: 'USER in the stage the final one builds on',
      code: 'FROM debian:12-slim AS base\nUSER 999\nFROM base\nCOPY app /app\n',
      errors: [{ line: 2, column: 6 }],
    },
  ],
});
