import rule from '../../../src/engine/rules/npm-pin-versions.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'npm ci with a lockfile', code: 'FROM node:22-slim\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n' },
    { name: 'npm install without names reads package.json', code: 'FROM node:22-slim\nCOPY package*.json ./\nRUN npm install --omit=dev && npm i\n' },
    { name: 'yarn and pnpm from their lockfiles', code: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile && pnpm install --frozen-lockfile\n' },
    { code: 'FROM node:22-slim\nRUN npm install -g pm2@5.4.3 @angular/cli@18.2.12 typescript@~5.6.3 serve@^14.2.4\n' },
    { name: 'yarn global add and pnpm add with versions', code: 'FROM node:22-slim\nRUN yarn global add serve@14.2.4 && pnpm add -g pnpm@9.12.0\n' },
    { name: 'git with a ref, tarballs and folders', code: 'FROM node:22-slim\nRUN npm install git+https://github.com/org/lib.git#v1.2.0 org/tool#3f2a9c1 ./packages/shared https://example.com/pkg-1.0.0.tgz\n' },
    { name: 'flag values are not packages', code: 'FROM node:22-slim\nRUN npm install --prefix /opt/tools --registry https://npm.example.com left-pad@1.3.0\n' },
    { name: 'variables are unknown here', code: 'FROM node:22-slim\nARG CLI_VERSION\nRUN npm install -g "@nestjs/cli@${CLI_VERSION}" $TOOLS\n' },
    { name: 'uninstall and cache clean', code: 'FROM node:22-slim\nRUN npm uninstall -g npm && npm cache clean --force\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22-slim\nRUN npm install -g pm2\n',
      errors: [{ line: 2, column: 20, endLine: 2, endColumn: 23, message: 'Pin `pm2` to a version: `pm2@<version>`.' }],
    },
    {
      name: 'a local install by name points at the lockfile',
      code: 'FROM node:22-slim\nWORKDIR /app\nRUN npm i express @types/node@22.9.0\n',
      errors: [{ line: 3, column: 11, endColumn: 18, message: 'install from the lockfile with `npm ci`' }],
    },
    {
      name: 'dist-tags, wildcards and scoped names',
      code: 'FROM node:22-slim\nRUN npm install -g @angular/cli@latest typescript@next "eslint@*" "prettier@>=3"\n',
      errors: [
        { line: 2, column: 20, endColumn: 39, message: '`@angular/cli@latest` moves with every release' },
        { line: 2, column: 40, endColumn: 55, message: '`typescript@next`' },
        { line: 2, column: 56, endColumn: 66 },
        { line: 2, column: 67, endColumn: 81 },
      ],
    },
    {
      name: 'yarn global add and pnpm add, across a continuation',
      code: 'FROM node:22-slim\nRUN yarn global add serve \\\n && pnpm add -D vitest\n',
      errors: [
        { line: 2, column: 21, endColumn: 26 },
        { line: 3, column: 17, endColumn: 23 },
      ],
    },
    {
      name: 'git without a ref',
      code: 'FROM node:22-slim\nRUN npm install github:org/lib\n',
      errors: [{ line: 2, column: 17, endColumn: 31, message: 'follows the default branch' }],
    },
    {
      name: 'builder stage and sudo',
      code: 'FROM node:22 AS build\nRUN sudo npm install -g @vercel/ncc\nRUN ncc build index.js -o dist\nFROM node:22-slim\nCOPY --from=build /dist /app\n',
      errors: [{ line: 2, column: 25, endColumn: 36 }],
    },
  ],
});
