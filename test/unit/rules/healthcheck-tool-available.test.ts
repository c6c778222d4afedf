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
      name: 'distroless nodejs: node at its real path',
      code: 'FROM gcr.io/distroless/nodejs22-debian12:nonroot\nWORKDIR /app\nCOPY --chown=65532:0 . .\nHEALTHCHECK CMD ["/nodejs/bin/node", "healthcheck.js"]\nCMD ["server.js"]\n',
    },
    {
      name: 'distroless python3: python3 is on PATH',
      code: 'FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY . /app\nHEALTHCHECK CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/\')"]\nCMD ["/app/main.py"]\n',
    },
    { name: 'distroless python3 (Debian 13): python and the versioned binary', code: 'FROM gcr.io/distroless/python3-debian13\nHEALTHCHECK CMD ["/usr/bin/python3.13", "/app/check.py"]\n' },
    { name: 'distroless python3: python -m runs python', code: 'FROM gcr.io/distroless/python3-debian12\nHEALTHCHECK CMD ["python", "-m", "app.healthcheck"]\n' },
    { name: 'distroless java: /usr/bin/java is on PATH', code: 'FROM gcr.io/distroless/java21-debian12:nonroot\nCOPY app.jar /app/app.jar\nHEALTHCHECK CMD ["java", "-cp", "/app/app.jar", "com.example.Health"]\n' },
    { name: 'distroless nodejs :debug, full path', code: 'FROM gcr.io/distroless/nodejs20-debian12:debug-nonroot\nHEALTHCHECK CMD ["/nodejs/bin/node", "hc.js"]\n' },
    { name: 'node on PATH once ENV adds /nodejs/bin', code: 'FROM gcr.io/distroless/nodejs22-debian12\nENV PATH=/nodejs/bin:$PATH\nHEALTHCHECK CMD ["node", "healthcheck.js"]\n' },
    { name: 'a runtime copied in', code: 'FROM gcr.io/distroless/cc-debian12\nCOPY --from=python:3.13-slim /usr/local/bin/python3 /usr/local/bin/python3\nHEALTHCHECK CMD ["python3", "/app/hc.py"]\n' },
    { name: 'a runtime directory copied from an image built on it', code: 'FROM scratch\nCOPY --from=node:22-bookworm-slim /usr/local/bin/ /usr/local/bin/\nHEALTHCHECK CMD ["node", "hc.js"]\n' },
    {
      name: 'a runtime copied from a builder stage built on it',
      code: 'FROM python:3.13-slim AS build\nRUN pip install --prefix=/install flask==3.1.0\nFROM gcr.io/distroless/cc-debian12\nCOPY --from=build /usr/local/ /usr/local/\nHEALTHCHECK CMD ["python3", "/app/hc.py"]\n',
    },
    { name: 'node in the official image is not judged', code: 'FROM node:22-bookworm-slim\nHEALTHCHECK CMD ["node", "healthcheck.js"]\n' },
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
      name: 'distroless nodejs: node is not on PATH',
      code: 'FROM gcr.io/distroless/nodejs22-debian12:nonroot\nHEALTHCHECK CMD ["node", "healthcheck.js"]\nCMD ["server.js"]\n',
      errors: [{ line: 2, column: 18, endColumn: 24, message: '`node` is not on the PATH of distroless nodejs (nonroot) (Debian 12): the runtime is at `/nodejs/bin/node`' }],
    },
    {
      name: 'distroless nodejs: curl is still flagged, and the runtime is suggested',
      code: 'FROM gcr.io/distroless/nodejs22-debian12:nonroot\nHEALTHCHECK CMD ["curl", "-f", "http://localhost:3000/"]\n',
      errors: [{ line: 2, column: 18, endColumn: 24, message: 'it has its runtime: check with it, e.g. `HEALTHCHECK CMD ["/nodejs/bin/node", "healthcheck.js"]`' }],
    },
    {
      name: 'distroless python3: wget is still flagged',
      code: 'FROM gcr.io/distroless/python3-debian12\nHEALTHCHECK CMD ["wget", "-q", "--spider", "http://localhost:8000/"]\n',
      errors: [{ line: 2, column: 18, message: 'wget is not in distroless python3 (Debian 12)' }],
    },
    {
      name: 'a runtime the image does not carry',
      code: 'FROM gcr.io/distroless/nodejs22-debian12\nHEALTHCHECK CMD ["python3", "-c", "print(1)"]\n',
      errors: [{ line: 2, column: 18, endColumn: 27, message: 'python3 is not in distroless nodejs (Debian 12), so this check always fails and the container is reported unhealthy. Use the runtime the image has' }],
    },
    {
      name: 'a builder on another runtime does not bring this one',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nHEALTHCHECK CMD ["node", "/hc.js"]\n',
      errors: [{ line: 5, column: 18, message: 'node is not in distroless static (Debian 12)' }],
    },
    {
      name: 'static has no runtime at all',
      code: 'FROM gcr.io/distroless/static-debian12:nonroot\nHEALTHCHECK CMD ["/usr/bin/python3", "/hc.py"]\n',
      errors: [{ line: 2, column: 18, message: 'python3 is not in distroless static (nonroot) (Debian 12)' }],
    },
    {
      name: 'continued HEALTHCHECK line, in a sh -c script',
      code: 'FROM python:3.13-slim\nHEALTHCHECK --interval=30s \\\n  CMD ["sh", "-c", "curl -f http://localhost:8000/ || exit 1"]\n',
      errors: [{ line: 3, column: 21, endColumn: 25 }],
    },
  ],
});
