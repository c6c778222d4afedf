import rule from '../../../src/engine/rules/dockerignore-excludes.ts';
import type { ContextFile } from '../../../src/engine/types.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

const node = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n';
const files = (...paths: string[]): ContextFile[] => paths.map((path) => ({ path, size: 100 }));
const nodeProject = files('server.js', 'package.json', 'package-lock.json', '.git/HEAD', '.git/config', 'node_modules/express/index.js');

runRuleTests(rule, {
  valid: [
    { name: 'everything that exists is excluded', code: node, context: nodeProject, dockerignore: '.git\nnode_modules\n' },
    { name: 'no .dockerignore: dockerignore-present reports that', code: node, context: nodeProject },
    { name: 'nothing to exclude in the project', code: node, context: files('server.js', 'package.json'), dockerignore: '' },
    { name: 'context unknown: .git and .env are excluded', code: node, dockerignore: '.git\n.env\n' },
    { name: 'context unknown: broader patterns count', code: node, dockerignore: '**/.git\n.env*\n' },
    { name: 'an allow-list excludes everything else', code: node, context: [...nodeProject, ...files('.env', 'debug.log')], dockerignore: '*\n!server.js\n!package*.json\n' },
    {
      name: 'build/ without a toolchain manifest is not build output (Go project layout)',
      code: 'FROM golang:1.23\nCOPY . .\n',
      context: files('go.mod', 'main.go', 'build/package/Dockerfile', 'build/ci/run.sh', 'target/notes.md'),
      dockerignore: '',
    },
    {
      name: 'the Dockerfile ships prebuilt output on purpose',
      code: 'FROM nginx:1.27\nCOPY dist/ /usr/share/nginx/html/\n',
      context: files('package.json', 'dist/index.html', 'dist/app.js'),
      dockerignore: '',
    },
    {
      name: 'a wildcard source that names the files',
      code: 'FROM alpine:3.21\nCOPY *.log /var/log/app/\n',
      context: files('seed.log'),
      dockerignore: '',
    },
    {
      name: 'the build reads the repository',
      code: 'FROM golang:1.23\nCOPY . .\nRUN git -C /src describe --tags > /version\n',
      context: files('main.go', '.git/HEAD'),
      dockerignore: '',
    },
    {
      name: 'a bind mount reads .git from the context',
      code: 'FROM golang:1.23\nRUN --mount=type=bind,source=.git,target=/src/.git git rev-parse HEAD\n',
      context: files('main.go', '.git/HEAD'),
      dockerignore: '',
    },
    { name: 'templates are not secrets', code: node, context: files('server.js', '.env.example', '.env.sample'), dockerignore: '' },
    {
      name: 'nested copies are covered by a ** pattern',
      code: node,
      context: files('package.json', 'packages/web/package.json', 'packages/web/node_modules/x.js', 'packages/web/dist/a.js'),
      dockerignore: '**/node_modules\n**/dist\n',
    },
  ],
  invalid: [
    {
      name: 'one finding per missing entry, each with a fix',
      code: 'FROM python:3.13-slim\nCOPY . .\n',
      context: [
        ...files('app.py', 'pyproject.toml', '.git/HEAD', '.env', 'debug.log', 'dist/app.whl', 'pkg/__pycache__/mod.pyc'),
        { path: 'node_modules/left-pad/index.js', size: 2048 },
      ],
      dockerignore: '',
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 1, file: '.dockerignore', message: 'does not exclude `.env`, so the build context includes it (1 file, 100 B): environment files usually hold credentials' },
        { line: 1, column: 1, file: '.dockerignore', message: 'does not exclude `.git`, so the build context includes it (1 file, 100 B): it is the whole repository history' },
        { line: 1, column: 1, file: '.dockerignore', message: 'does not exclude `debug.log`' },
        { line: 1, column: 1, file: '.dockerignore', message: 'does not exclude `dist`' },
        { line: 1, column: 1, file: '.dockerignore', message: 'does not exclude `node_modules`, so the build context includes it (1 file, 2 KB)' },
        { line: 1, column: 1, file: '.dockerignore', message: 'does not exclude `pkg/__pycache__`' },
      ],
      dockerignoreOutput: '.env\n.git\n*.log\ndist\nnode_modules\n**/__pycache__\n',
    },
    {
      name: 'a top-level pattern where copies are nested: replace the line',
      code: node,
      context: files('package.json', 'node_modules/a.js', 'packages/web/package.json', 'packages/web/node_modules/b.js'),
      dockerignore: '.git\nnode_modules/\n',
      errors: [
        {
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 14,
          file: '.dockerignore',
          message: '`node_modules/` on line 2 matches only the top-level `node_modules`: .dockerignore patterns start at the context root, so `packages/web/node_modules` (1 file, 100 B) is still in the build context. Write `**/node_modules`',
        },
      ],
      dockerignoreOutput: '.git\n**/node_modules\n',
    },
    {
      name: 'logs in subdirectories',
      code: node,
      context: files('server.js', 'logs/app.log', 'logs/old/err.log'),
      dockerignore: '*.log',
      errors: [{ line: 1, column: 1, endColumn: 6, message: '`*.log` on line 1 matches only the top-level `*.log`: .dockerignore patterns start at the context root, so `logs/app.log`, `logs/old/err.log` (2 files, 200 B) are still in the build context. Write `**/*.log` to match them at any depth.' }],
      dockerignoreOutput: '**/*.log',
    },
    {
      name: 'context unknown: .git and .env are judged from the text',
      code: node,
      dockerignore: 'node_modules\n',
      errors: [
        { line: 1, column: 1, endColumn: 13, file: '.dockerignore', message: 'does not exclude `.env`: in a project that has one, the build context includes local environment files' },
        { line: 1, column: 1, endColumn: 13, file: '.dockerignore', message: 'does not exclude `.git`: in a project that has one, the build context includes the repository history' },
      ],
      dockerignoreOutput: 'node_modules\n.env\n.git\n',
    },
    {
      name: 'a later exception re-includes it',
      code: node,
      context: files('server.js', '.env'),
      dockerignore: '.env\n!.env\n',
      errors: [{ line: 1, column: 1, message: '(`!.env` on line 2 re-includes it)' }],
      dockerignoreOutput: '.env\n!.env\n.env\n',
    },
    {
      name: '.env variants, keeping the templates',
      code: node,
      context: files('server.js', '.env.local', '.env.production', '.env.example'),
      dockerignore: '.git\n',
      errors: [{ line: 1, column: 1, message: 'does not exclude `.env.local`, `.env.production`, so the build context includes them (2 files, 200 B)' }],
      dockerignoreOutput: '.git\n.env.*\n!.env.example\n',
    },
    {
      name: 'widening a top-level line keeps nested templates',
      code: node,
      context: files('server.js', '.env.local', 'apps/web/.env.local', 'apps/web/.env.example'),
      dockerignore: '.env.*\n',
      errors: [{ line: 1, column: 1, endColumn: 7, message: 'Write `**/.env.*` to match it at any depth (and `!apps/web/.env.example` to keep the templates).' }],
      dockerignoreOutput: '**/.env.*\n!apps/web/.env.example\n',
    },
    {
      name: 'no final newline, CRLF line ends',
      code: node,
      context: files('server.js', '.git/HEAD'),
      dockerignore: 'node_modules\r\n*.log',
      errors: [{ line: 1, column: 1, endColumn: 13, message: '`.git`' }],
      dockerignoreOutput: 'node_modules\r\n*.log\r\n.git\r\n',
    },
    {
      name: 'build output next to its manifest, at any depth',
      code: 'FROM maven:3.9-eclipse-temurin-21\nCOPY . .\n',
      context: files('pom.xml', 'src/Main.java', 'target/app.jar', 'lib/pom.xml', 'lib/target/lib.jar'),
      dockerignore: '.git\n',
      errors: [{ line: 1, column: 1, message: 'does not exclude `target`, `lib/target`, so the build context includes them (2 files, 200 B): it is build output from your machine' }],
      dockerignoreOutput: '.git\n**/target\n',
    },
    {
      name: 'a COPY of something else does not protect build output',
      code: 'FROM node:22-slim\nCOPY package.json ./\nCOPY . .\n',
      context: files('package.json', 'build/bundle.js'),
      dockerignore: '',
      errors: [{ line: 1, column: 1, message: '`build`' }],
      dockerignoreOutput: 'build\n',
    },
  ],
});
