import rule, { looksSecret } from '../../../src/engine/rules/no-secret-env-arg.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';
import { describe, expect, it } from 'vitest';

describe('looksSecret (BuildKit SecretsUsedInArgOrEnv matching)', () => {
  it('matches BuildKit tokens as the whole name or an underscore-separated word', () => {
    for (const name of ['PASSWORD', 'db_password', 'GITHUB_TOKEN', 'API_KEY', 'apikey', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'PRIVATE_KEY', 'CREDENTIALS', 'AUTH', 'secret_MESSAGE', 'MYSQL_PWORD', 'PASSWD', 'super_duper_secret_token']) {
      expect(looksSecret(name), name).toBe(true);
    }
  });
  it('does not match tokens inside words', () => {
    for (const name of ['KEYBOARD', 'MONKEY', 'PASSWORDLESS', 'AUTHOR', 'TOKENIZER_MODEL', 'SECRETARY', 'NODE_VERSION']) expect(looksSecret(name), name).toBe(false);
  });
  it("honours BuildKit's allowlist (public, file, version)", () => {
    for (const name of ['PUBLIC_KEY', 'SESSION_SECRET_FILE', 'AUTH_MODULE_VERSION', 'DB_PASSWORD_FILE']) expect(looksSecret(name), name).toBe(false);
  });
  it("adds Shipshape's exemptions and PASSPHRASE", () => {
    expect(looksSecret('GPG_KEY')).toBe(false);
    expect(looksSecret('PGP_KEY')).toBe(false);
    expect(looksSecret('GPG_PRIVATE_KEY')).toBe(true);
    expect(looksSecret('GPG_PASSPHRASE')).toBe(true);
  });
});

runRuleTests(rule, {
  valid: [
    { code: 'FROM python:3.13-slim\nENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1\nARG APP_VERSION=1.4.2\n' },
    { name: 'a file holding the secret', code: 'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password\n' },
    { name: 'a public key', code: 'FROM alpine:3.20\nARG SIGNING_PUBLIC_KEY\n' },
    { name: 'the official python image’s GPG_KEY fingerprint', code: 'FROM buildpack-deps:bookworm\nENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305\n' },
    { name: 'a switch, not a secret', code: 'FROM node:22-alpine\nENV AUTH_ENABLED=false AUTH_MODE=none\n' },
    { name: 'a path to a key file', code: 'FROM nginx:1.27\nENV TLS_KEY=/etc/nginx/certs/tls.key\n' },
    { name: 'a URL is not a token', code: 'FROM alpine:3.20\nENV TOKEN_URL=https://auth.example.com/oauth/token AUTH_SERVER="https://login.example.com"\n' },
    { name: 'an ENV declared empty bakes nothing in', code: 'FROM node:22-alpine\nENV API_TOKEN=""\n' },
    { name: 'the secret mount instead', code: 'FROM node:22-alpine\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n' },
    { name: 'words that only contain a token', code: 'FROM alpine:3.20\nENV KEYBOARD_LAYOUT=us MONKEY=1 AUTHOR=me\n' },
  ],
  invalid: [
    {
      name: 'ARG without a default: the build-arg pattern',
      code: 'FROM node:22-alpine\nARG NPM_TOKEN\nRUN npm ci\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 14, message: 'RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN' }],
    },
    {
      name: 'ENV key=value pairs: each secret name',
      code: 'FROM python:3.13-slim\nENV DB_HOST=db DB_PASSWORD=changeme API_KEY="a b c"\n',
      errors: [
        { line: 2, column: 16, endColumn: 27, message: '`DB_PASSWORD` looks like a secret: ENV values are stored in the image config' },
        { line: 2, column: 37, endColumn: 44, message: '`API_KEY`' },
      ],
    },
    {
      name: 'a URL with credentials is not exempt',
      code: 'FROM alpine:3.20\nENV AUTH_URL=https://user:pw@auth.example.com/\n',
      errors: [{ line: 2, column: 5, endColumn: 13 }],
    },
    {
      name: 'legacy ENV form',
      code: 'FROM python:3.13-slim\nENV SECRET_KEY some long value\n',
      errors: [{ line: 2, column: 5, endColumn: 15 }],
    },
    {
      name: 'ENV copying a build arg',
      code: 'FROM python:3.13-slim\nARG GITHUB_TOKEN\nENV GITHUB_TOKEN=$GITHUB_TOKEN\n',
      errors: [
        { line: 2, column: 5, message: 'build-arg values are recorded' },
        { line: 3, column: 5, message: 'ENV values are stored' },
      ],
    },
    {
      name: 'global ARG before FROM and in a builder stage',
      code: 'ARG REGISTRY_PASSWORD\nFROM golang:1.23 AS build\nARG GOPROXY_AUTH\nFROM alpine:3.20\n',
      errors: [{ line: 1, column: 5 }, { line: 3, column: 5 }],
    },
    {
      name: 'several ARGs on one line, continued',
      code: 'FROM alpine:3.20\nARG USERNAME \\\n    PASSWD=x\n',
      errors: [{ line: 3, column: 5, endColumn: 11 }],
    },
    {
      name: 'lower-case names and instructions',
      code: 'from alpine:3.20\narg aws_secret_access_key\n',
      errors: [{ line: 2, column: 5 }],
    },
  ],
});
