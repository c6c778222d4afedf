import rule from '../../../src/engine/rules/expose-format.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'ports and protocols', code: 'FROM alpine:3.20\nEXPOSE 80 443/tcp 53/udp 8000-8010\n' },
    { name: 'a variable with a default holds a colon', code: 'FROM node:24-slim\nARG PORT=8080\nEXPOSE ${PORT:-8080}\n' },
    { name: 'a variable with a default and a protocol', code: 'FROM node:24-slim\nEXPOSE ${PORT:-8080}/tcp\n' },
    { name: 'a variable protocol', code: 'FROM node:24-slim\nARG PROTO=tcp\nEXPOSE 8080/$PROTO\n' },
    { name: 'lower-case keyword', code: 'from alpine:3.20\nexpose 8080/udp\n' },
    { name: 'a port mapping in RUN is shell text', code: 'FROM alpine:3.20\nRUN echo "EXPOSE 80:80"\n' },
  ],
  invalid: [
    {
      name: 'a host port mapping',
      code: 'FROM nginxinc/nginx-unprivileged:1.30-alpine\nEXPOSE 80:8080\n',
      errors: [{ line: 2, column: 8, endLine: 2, endColumn: 15, message: 'EXPOSE takes the container\'s port only: Docker ignores `80:` here, so nothing is published on it. Write `EXPOSE 8080`, and choose the host side where the container runs (`docker run -p 80:8080`).' }],
      output: 'FROM nginxinc/nginx-unprivileged:1.30-alpine\nEXPOSE 8080\n',
    },
    {
      name: 'an address and a host port',
      code: 'FROM alpine:3.20\nEXPOSE 127.0.0.1:80:80\n',
      errors: [{ line: 2, column: 8, message: 'Docker ignores `127.0.0.1:80:` here' }],
      output: 'FROM alpine:3.20\nEXPOSE 80\n',
    },
    {
      name: 'IPv6 address',
      code: 'FROM alpine:3.20\nEXPOSE [::1]:8080:8080/tcp\n',
      errors: [{ line: 2, column: 8, message: '`docker run -p [::1]:8080:8080/tcp`' }],
      output: 'FROM alpine:3.20\nEXPOSE 8080/tcp\n',
    },
    {
      name: 'upper-case protocol',
      code: 'FROM alpine:3.20\nEXPOSE 80/TcP 53/UDP 443\n',
      errors: [
        { line: 2, column: 8, message: 'Protocols in EXPOSE are lower case: write `80/tcp`.' },
        { line: 2, column: 15, message: 'write `53/udp`' },
      ],
      output: 'FROM alpine:3.20\nEXPOSE 80/tcp 53/udp 443\n',
    },
    {
      name: 'both at once',
      code: 'FROM alpine:3.20\nEXPOSE 8080:80/TCP\n',
      errors: [{ line: 2, column: 8, message: 'Write `EXPOSE 80/tcp`' }],
      output: 'FROM alpine:3.20\nEXPOSE 80/tcp\n',
    },
    {
      name: 'variables on both sides',
      code: 'FROM node:24-slim\nARG HOST_PORT=80 PORT=8080\nEXPOSE ${HOST_PORT}:${PORT:-8080}\n',
      errors: [{ line: 3, column: 8, message: 'Write `EXPOSE ${PORT:-8080}`' }],
      output: 'FROM node:24-slim\nARG HOST_PORT=80 PORT=8080\nEXPOSE ${PORT:-8080}\n',
    },
    {
      name: 'a continued line',
      code: 'FROM alpine:3.20\nEXPOSE 8080 \\\n  9090:9090\n',
      errors: [{ line: 3, column: 3 }],
      output: 'FROM alpine:3.20\nEXPOSE 8080 \\\n  9090\n',
    },
  ],
});
