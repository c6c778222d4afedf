import rule from '../../../src/engine/rules/privileged-port-as-non-root.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'root may bind 80 (user-not-root reports the root part)', code: 'FROM nginx:1.27\nEXPOSE 80\n' },
    { name: 'high port as non-root', code: 'FROM python:3.13-slim\nUSER 10001\nEXPOSE 8000\n' },
    { name: 'unprivileged nginx on 8080', code: 'FROM nginxinc/nginx-unprivileged:1.27-alpine\nEXPOSE 8080\n' },
    { name: 'an unknown image without USER: the user is unknown', code: 'FROM registry.example.com/web:1.0\nEXPOSE 80\n' },
    { name: 'USER root at the end', code: 'FROM python:3.13-slim\nUSER 10001\nUSER root\nEXPOSE 443\n' },
    { name: 'a builder stage that exposes 80 is not the image', code: 'FROM node:22 AS dev\nUSER node\nEXPOSE 80\nFROM nginx:1.27\nEXPOSE 80\n' },
    { name: 'exactly 1024 is not privileged', code: 'FROM python:3.13-slim\nUSER 10001\nEXPOSE 1024\n' },
    { name: 'port from an ARG that resolves high', code: 'FROM python:3.13-slim\nARG PORT=8080\nUSER 10001\nEXPOSE ${PORT}\n' },
    { name: 'port from a build arg without default is unknown', code: 'FROM python:3.13-slim\nARG PORT\nUSER 10001\nEXPOSE $PORT\n' },
    { name: 'its own EXPOSE replaces the judgement of the base ports', code: 'FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\nEXPOSE 8080\nUSER 101\n' },
    { name: 'a base image without privileged ports', code: 'FROM python:3.13-slim\nUSER 10001\n' },
  ],
  invalid: [
    {
      name: 'nginx-unprivileged told to expose 80',
      code: 'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n',
      errors: [{ line: 3, column: 8, endLine: 3, endColumn: 10, message: 'Listen on 8080 instead, `EXPOSE 8080`, and publish it as `-p 80:8080`' }],
    },
    {
      name: 'explicit non-root USER, 443 with protocol',
      code: 'FROM python:3.13-slim\nUSER 10001\nEXPOSE 8000 443/tcp\n',
      errors: [{ line: 3, column: 13, endColumn: 20, message: 'Listen on 8443 instead' }],
    },
    {
      name: 'a range that starts low',
      code: 'FROM debian:12-slim\nUSER 10001:0\nEXPOSE 1000-1100/udp\n',
      errors: [{ line: 3, column: 8, message: 'Port 1000 is privileged' }],
    },
    {
      name: 'EXPOSE through an ARG default',
      code: 'FROM python:3.13-slim\nARG PORT=80\nUSER app\nEXPOSE ${PORT}\n',
      errors: [{ line: 4, column: 8, endColumn: 15, message: 'Port 80' }],
    },
    {
      name: 'EXPOSE in the base stage, non-root in the final one',
      code: 'FROM python:3.13-slim AS base\nEXPOSE 80\nFROM base\nUSER 10001\n',
      errors: [{ line: 2, column: 8, message: '`USER 10001`' }],
    },
    {
      name: 'no EXPOSE of its own: the base image serves 80, and USER makes it non-root',
      code: 'FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nUSER nginx\n',
      errors: [{ line: 3, column: 6, endColumn: 11, message: '`nginx:1.27-alpine` serves port 80 (its EXPOSE), a privileged port, and `USER nginx` runs it as non-root' }],
    },
    {
      name: 'EXPOSE before USER still counts: the final image runs as non-root',
      code: 'FROM node:22-alpine\nEXPOSE 80\nUSER node\nCMD ["node", "server.js"]\n',
      errors: [{ line: 2, column: 8 }],
    },
  ],
});
