import rule from '../../../src/engine/rules/package-cache-cleanup.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM rockylinux:9\nRUN dnf install -y httpd-2.4.57 && dnf clean all\n' },
    { name: 'yum, microdnf and deleting the cache directory', code: 'FROM centos:7\nRUN yum install -y tar && yum clean all\nRUN microdnf install -y shadow-utils && microdnf clean all\nRUN dnf upgrade -y && rm -rf /var/cache/dnf\n' },
    { name: 'zypper clean or cc', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0 && zypper clean --all\nRUN zypper -n in git && zypper cc -a\n' },
    { name: 'npm cache clean and deleting ~/.npm', code: 'FROM node:22-slim\nRUN npm ci --omit=dev && npm cache clean --force\nRUN npm install -g pm2@5.4.3 && rm -rf /root/.npm\n' },
    { name: 'npm with a cache mount or a removed --cache', code: 'FROM node:22-slim\nRUN --mount=type=cache,target=/root/.npm npm ci\nRUN npm ci --cache /tmp/npm-cache && rm -rf /tmp/npm-cache\n' },
    { name: 'yarn cache clean', code: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile --production && yarn cache clean\n' },
    { name: 'rpm cache mount', code: 'FROM fedora:41\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y git-2.47.1\n' },
    { name: 'a builder stage is thrown away', code: 'FROM node:22 AS build\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
    { name: 'removals do not fill the cache', code: 'FROM rockylinux:9\nRUN dnf remove -y vim && npm uninstall -g npm\n' },
  ],
  invalid: [
    {
      code: 'FROM rockylinux:9\nRUN dnf install -y httpd-2.4.57\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 16, message: 'end the same RUN with `dnf clean all`' }],
      output: 'FROM rockylinux:9\nRUN dnf install -y httpd-2.4.57 && dnf clean all\n',
    },
    {
      name: 'npm ci in a single-stage image, across a continuation',
      code: 'FROM node:22-slim\nWORKDIR /app\nRUN npm ci \\\n      --omit=dev\n',
      errors: [{ line: 3, column: 5, endColumn: 11, message: '`npm cache clean --force`' }],
      output: 'FROM node:22-slim\nWORKDIR /app\nRUN npm ci \\\n      --omit=dev && npm cache clean --force\n',
    },
    {
      name: 'a clean before the install does not count; a trailing semicolon',
      code: 'FROM centos:7\nRUN yum clean all; yum install -y tar;\n',
      errors: [{ line: 2, column: 20, endColumn: 31 }],
      output: 'FROM centos:7\nRUN yum clean all; yum install -y tar; yum clean all\n',
    },
    {
      name: 'two managers in one RUN share one fix',
      code: 'FROM registry.access.redhat.com/ubi9/nodejs-22:9.5\nUSER 0\nRUN microdnf install -y tar && yarn global add serve@14.2.4\n',
      errors: [
        { line: 3, column: 5, endColumn: 21, message: '`microdnf clean all`' },
        { line: 3, column: 32, endColumn: 47, message: '`yarn cache clean`' },
      ],
      output: 'FROM registry.access.redhat.com/ubi9/nodejs-22:9.5\nUSER 0\nRUN microdnf install -y tar && yarn global add serve@14.2.4 && microdnf clean all && yarn cache clean\n',
    },
    {
      name: 'zypper through sudo, inside an if',
      code: 'FROM opensuse/leap:15.6\nRUN if [ -n "$EXTRA" ]; then sudo zypper -n install -y git; fi\n',
      errors: [{ line: 2, column: 35, endColumn: 52 }],
      output: 'FROM opensuse/leap:15.6\nRUN if [ -n "$EXTRA" ]; then sudo zypper -n install -y git; fi && sudo zypper clean --all\n',
    },
    {
      name: 'heredoc scripts are reported without a fix',
      code: 'FROM node:22-slim\nRUN <<EOF\nnpm ci --omit=dev\nEOF\n',
      errors: [{ line: 3, column: 1, endColumn: 7 }],
    },
    {
      name: 'a trailing comment leaves no safe place for the fix',
      code: 'FROM node:22-slim\nRUN npm ci # production deps\n',
      errors: [{ line: 2, column: 5, endColumn: 11 }],
    },
  ],
});
