import rule from '../../../src/engine/rules/healthcheck-tool-available.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'nginx-unprivileged has curl', code: 'FROM nginxinc/nginx-unprivileged:1.27\nHEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1\n' },
    { name: 'alpine has busybox wget', code: 'FROM alpine:3.20\nHEALTHCHECK CMD wget -q --spider http://localhost:8080/ || exit 1\n' },
    {
      name: 'curl installed in the final stage',
      code: 'FROM python:3.13-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\nHEALTHCHECK CMD curl -f http://localhost:8000/\n',
    },
    { name: 'apk add curl', code: 'FROM node:22-alpine\nRUN apk add --no-cache curl\nHEALTHCHECK CMD ["curl", "-f", "http://localhost:3000/"]\n' },
    {
      name: 'a static curl copied in',
      code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=ghcr.io/tarampampam/curl:8.10.1 /bin/curl /bin/curl\nHEALTHCHECK CMD ["/bin/curl", "-f", "http://localhost:8080/"]\n',
    },
    { name: 'unknown base images are not judged', code: 'FROM registry.example.com/base:1.0\nHEALTHCHECK CMD curl -f http://localhost/\n' },
    { name: 'a health check without curl or wget', code: 'FROM python:3.13-slim\nHEALTHCHECK CMD python -c "import socket; socket.create_connection((\'localhost\', 8000))"\n' },
    { name: 'builder stage', code: 'FROM python:3.13-slim AS test\nHEALTHCHECK CMD curl -f http://localhost/\nFROM nginx:1.27\n' },
    {
      name: 'curl installed in the stage the final one builds on',
      code: 'FROM debian:12-slim AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nHEALTHCHECK CMD curl -f http://localhost/\n',
    },
  ],
  invalid: [
    {
      name: 'curl on python slim',
      code: 'FROM python:3.13-slim\nEXPOSE 8000\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\n',
      errors: [{ line: 3, column: 17, endLine: 3, endColumn: 21, message: 'curl is not in python slim (Debian), so this check always fails' }],
    },
    {
      name: 'curl on alpine: use its wget, with the same URL',
      code: 'FROM alpine:3.20\nHEALTHCHECK CMD curl -f http://localhost:8080/ready\n',
      errors: [{ line: 2, column: 17, message: 'Use wget, which the image has (`wget -q --spider http://localhost:8080/ready`), or install it in this stage: `RUN apk add --no-cache curl`' }],
    },
    {
      name: 'wget on debian slim',
      code: 'FROM debian:12-slim\nHEALTHCHECK CMD wget -q --spider http://localhost/\n',
      errors: [{ line: 2, column: 17, endColumn: 21, message: 'apt-get install -y --no-install-recommends wget' }],
    },
    {
      name: 'distroless, shell form: no package manager, no shell',
      code: 'FROM gcr.io/distroless/static-debian12:nonroot\nHEALTHCHECK CMD curl -f http://localhost:8080/\n',
      errors: [{ line: 2, column: 17, message: 'no package manager' }],
    },
    {
      name: 'distroless, exec form',
      code: 'FROM gcr.io/distroless/base-debian12\nHEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/"]\n',
      errors: [{ line: 2, column: 18, endColumn: 24 }],
    },
    {
      name: 'installed in a builder stage only',
      code: 'FROM debian:12-slim AS build\nRUN apt-get update && apt-get install -y curl\nFROM debian:12-slim\nHEALTHCHECK CMD curl -f http://localhost/\n',
      errors: [{ line: 4, column: 17 }],
    },
    {
      name: 'installed, then purged again',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && ./fetch-assets.sh && apt-get purge -y curl\nHEALTHCHECK CMD curl -f http://localhost/\n',
      errors: [{ line: 3, column: 17 }],
    },
    {
      name: 'scratch',
      code: 'FROM scratch\nCOPY app /app\nHEALTHCHECK CMD ["wget", "-q", "--spider", "http://localhost:8080/"]\n',
      errors: [{ line: 3, column: 18, message: 'wget is not in scratch' }],
    },
    {
      name: 'continued HEALTHCHECK line, in a sh -c script',
      code: 'FROM python:3.13-slim\nHEALTHCHECK --interval=30s \\\n  CMD ["sh", "-c", "curl -f http://localhost:8000/ || exit 1"]\n',
      errors: [{ line: 3, column: 21, endColumn: 25 }],
    },
  ],
});
