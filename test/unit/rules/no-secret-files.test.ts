import rule from '../../../src/engine/rules/no-secret-files.ts';
import { secretFileKind } from '../../../src/engine/data/secret-files.ts';
import type { ContextFile } from '../../../src/engine/types.ts';
import { describe, expect, it } from 'vitest';
import { runRuleTests } from '../../helpers/rule-tester.ts';

// secret-shaped contents are assembled at run time, so scanners do not take the repository for a leak
const privateKey = ['-----BEGIN ', 'PRIVATE KEY-----\n', 'MIIEv', 'QIBADANBgkqhkiG9w0BAQEFAASC\n', '-----END ', 'PRIVATE KEY-----\n'].join('');
const certificate = ['-----BEGIN ', 'CERTIFICATE-----\n', 'MIIDdzCCAl+gAwIBAgIE\n', '-----END ', 'CERTIFICATE-----\n'].join('');
const npmToken = ['//registry.npmjs.org/:_auth', 'Token=', 'npm_', 'a1b2c3d4e5f6g7h8i9j0'].join('');

const files = (...paths: string[]): ContextFile[] => paths.map((path) => ({ path, size: 100 }));

runRuleTests(rule, {
  valid: [
    { name: 'an example file is not a secret', code: 'FROM node:22-slim\nCOPY .env.example .env\n' },
    { name: 'nor a sample', code: 'FROM node:22-slim\nCOPY .env.sample config/secrets.sample.yaml /app/\n' },
    { name: 'COPY --from reads a stage', code: 'FROM node:22 AS build\nFROM node:22-slim\nCOPY --from=build /app/.env /app/\n' },
    { name: 'a broad copy with the context unknown', code: 'FROM node:22-slim\nCOPY . .\n' },
    { name: 'the .dockerignore keeps the secrets out', code: 'FROM node:22-slim\nCOPY . .\n', context: files('server.js', '.env', 'certs/server.key'), dockerignore: '.env\n**/*.key\n' },
    { name: 'COPY --exclude keeps them out', code: 'FROM node:22-slim\nCOPY --exclude=.env --exclude=**/*.key . /app\n', context: files('server.js', '.env', 'certs/server.key') },
    { name: 'a CA bundle by name', code: 'FROM alpine:3.21\nCOPY certs/ca.pem certs/fullchain.pem /usr/local/share/ca-certificates/\n' },
    { name: 'a certificate by content', code: 'FROM alpine:3.21\nCOPY server.pem /etc/ssl/\n', context: [{ path: 'server.pem', size: 1200, content: certificate }] },
    { name: 'an .npmrc without credentials', code: 'FROM node:22-slim\nCOPY .npmrc package.json ./\n', context: [{ path: '.npmrc', size: 20, content: 'engine-strict=true\n' }, ...files('package.json')] },
    { name: 'public SSH material', code: 'FROM alpine:3.21\nCOPY .ssh/known_hosts id_ed25519.pub /root/.ssh/\n' },
    { name: 'a directory without secrets', code: 'FROM alpine:3.21\nCOPY config/ /app/config/\n', context: files('config/settings.yaml', 'config/logging.ini') },
    { name: 'URLs and heredocs', code: 'FROM alpine:3.21\nADD https://example.com/id_rsa /tmp/\nCOPY <<EOF /app/.env\nMODE=prod\nEOF\n' },
    { name: 'a secret mount', code: 'FROM node:22-slim\nCOPY package.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n' },
  ],
  invalid: [
    {
      name: 'a secret file named through an ARG default',
      code: 'FROM node:22-slim\nARG ENV_FILE=.env.production\nCOPY ${ENV_FILE} /app/.env\n',
      errors: [{ line: 3, column: 6, endColumn: 17, message: '`${ENV_FILE}` (`.env.production`) is ' }],
    },
    {
      name: 'an environment file',
      code: 'FROM node:22-slim\nCOPY .env /app/.env\n',
      errors: [
        {
          line: 2,
          column: 6,
          endColumn: 10,
          message:
            '`.env` is an environment file: COPY bakes it into an image layer, where anyone who can pull the image can read it, even if a later step deletes it. Do not copy it: give the values at run time',
        },
      ],
    },
    {
      name: 'an .npmrc among other sources',
      code: 'FROM node:22-slim\nCOPY package.json .npmrc ./\n',
      errors: [{ line: 2, column: 19, endColumn: 25, message: 'mount it for the install only: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`' }],
    },
    {
      name: 'an .npmrc with a token, by content',
      code: 'FROM node:22-slim\nCOPY .npmrc ./\n',
      context: [{ path: '.npmrc', size: 60, content: npmToken }],
      errors: [{ line: 2, column: 6, message: '`.npmrc` is an npm credentials file' }],
    },
    {
      name: 'an SSH key: use an SSH mount',
      code: 'FROM alpine:3.21\nADD id_rsa /root/.ssh/id_rsa\n',
      errors: [{ line: 2, column: 5, endColumn: 11, message: 'an SSH private key: ADD bakes it into an image layer' }],
    },
    {
      name: 'credential directories',
      code: 'FROM alpine:3.21\nCOPY .aws /root/.aws\nCOPY .ssh/ /root/.ssh/\n',
      errors: [
        { line: 2, column: 6, message: '`.aws` is AWS credentials' },
        { line: 3, column: 6, message: 'forward your SSH agent with `RUN --mount=type=ssh ...`' },
      ],
    },
    {
      name: 'a wildcard aimed at keys, project unknown',
      code: 'FROM alpine:3.21\nCOPY *.pem *.p12 /certs/\n',
      errors: [
        { line: 2, column: 6, message: '`*.pem` is a private key' },
        { line: 2, column: 12, message: 'a certificate keystore' },
      ],
    },
    {
      name: 'a private key by content, named like a certificate',
      code: 'FROM alpine:3.21\nCOPY cert.pem /etc/ssl/\n',
      context: [{ path: 'cert.pem', size: 1700, content: privateKey }],
      errors: [{ line: 2, column: 6, message: '`cert.pem` is a private key' }],
    },
    {
      name: 'several named files',
      code: 'FROM hashicorp/terraform:1.9\nCOPY secrets.json terraform.tfstate /work/\n',
      errors: [
        { line: 2, column: 6, endColumn: 18, message: 'a secrets file' },
        { line: 2, column: 19, endColumn: 36, message: 'Terraform state, which stores secrets in plain text' },
      ],
    },
    {
      name: 'JSON form',
      code: 'FROM node:22-slim\nCOPY [".env.production", "/app/.env"]\n',
      errors: [{ line: 2, column: 8, endColumn: 23, message: '`.env.production` is an environment file' }],
    },
    {
      name: 'a broad copy takes secrets along: name them',
      code: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\n',
      context: files('server.js', '.env', '.env.example', 'certs/server.key', 'infra/terraform.tfstate', 'config/secrets.yaml'),
      dockerignore: '.git\n',
      errors: [
        {
          line: 3,
          column: 6,
          endColumn: 7,
          message:
            'This COPY puts secret files from `.` into the image: `.env` (an environment file), `certs/server.key` (a private key), `infra/terraform.tfstate` (Terraform state, which stores secrets in plain text), and 1 more. Add them to .dockerignore (`.env`, `certs/server.key`, `infra/terraform.tfstate`)',
        },
      ],
    },
    {
      name: 'a directory source',
      code: 'FROM node:22-slim\nCOPY config/ /app/config/\n',
      context: files('config/settings.yaml', 'config/credentials.json'),
      errors: [{ line: 2, column: 6, endColumn: 13, message: 'This COPY puts secret files from `config/` into the image: `config/credentials.json` (a credentials file)' }],
    },
    {
      name: 'a builder stage keeps it in its layers',
      code: 'FROM node:22 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
      context: [{ path: '.npmrc', size: 60, content: npmToken }, ...files('package.json', 'src/index.js')],
      dockerignore: 'node_modules\n',
      errors: [{ line: 3, column: 6, message: '`.npmrc` (an npm credentials file). Add them to .dockerignore (`.npmrc`) so the build never receives them, and pass secrets with `RUN --mount=type=secret` instead. This stage is not the shipped image, but the file stays in its layers and in the build cache' }],
    },
  ],
});

describe('secret file names', () => {
  const table: [string, string | undefined][] = [
    ['.env', 'an environment file'],
    ['app/.env.local', 'an environment file'],
    ['.env.example', undefined],
    ['.env.template', undefined],
    ['id_ed25519', 'an SSH private key'],
    ['id_ed25519.pub', undefined],
    ['home/.ssh/id_ecdsa', 'an SSH private key'],
    ['.ssh/authorized_keys', undefined],
    ['.aws/credentials', 'AWS credentials'],
    ['.aws/config', undefined],
    ['.docker/config.json', 'Docker registry credentials'],
    ['config.json', undefined],
    ['.git-credentials', 'a credentials file'],
    ['gcp/credentials.json', 'a credentials file'],
    ['.pypirc', 'a PyPI credentials file'],
    ['.netrc', 'a netrc credentials file'],
    ['prod.tfstate.backup', 'Terraform state, which stores secrets in plain text'],
    ['secrets.yml', 'a secrets file'],
    ['tls/server.key', 'a private key'],
    ['tls/server.pem', 'a private key'],
    ['tls/ca-bundle.pem', undefined],
    ['store.pfx', 'a certificate keystore with its private key'],
    ['src/keyboard.ts', undefined],
    ['secretary.txt', undefined],
  ];
  for (const [path, what] of table) it(`${path}: ${what ?? 'not a secret'}`, () => expect(secretFileKind(path)?.what).toBe(what));

  it('judges .pem, .npmrc and .pypirc by content when it is known', () => {
    expect(secretFileKind('tls/ca-bundle.pem', privateKey)?.what).toBe('a private key');
    expect(secretFileKind('tls/server.pem', certificate)).toBeUndefined();
    expect(secretFileKind('.npmrc', 'registry=https://registry.example.com/\n')).toBeUndefined();
    expect(secretFileKind('.npmrc', npmToken)?.what).toBe('an npm credentials file');
    expect(secretFileKind('.pypirc', '[distutils]\nindex-servers = pypi\n')).toBeUndefined();
  });
});
