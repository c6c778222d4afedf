import rule from '../../../src/engine/rules/metadata-late.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    {
      name: 'metadata at the end',
      code: 'FROM python:3.13-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nEXPOSE 8000\nLABEL org.opencontainers.image.source=https://example.com/app\nCMD ["python", "app.py"]\n',
    },
    { name: 'USER before RUN is intended', code: 'FROM debian:12-slim\nUSER 10001\nRUN mkdir -p /tmp/cache\n' },
    { name: 'ENV used by a later RUN', code: 'FROM node:22-alpine\nENV NODE_ENV=production\nRUN npm ci\n' },
    { name: 'WORKDIR and SHELL change how steps run', code: 'FROM debian:12-slim\nWORKDIR /app\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo hi\n' },
    { name: 'an ARG used by RUN', code: 'FROM alpine:3.20\nARG VERSION=1.2.3\nRUN wget https://example.com/app-${VERSION}.tgz\nLABEL version=$VERSION\n' },
    { name: 'an ARG used only by a LABEL, declared right before it', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nARG GIT_COMMIT\nLABEL org.opencontainers.image.revision=$GIT_COMMIT\n' },
    { name: 'ARG used by ENV (a RUN may read it)', code: 'FROM node:22-alpine\nARG VERSION\nENV NEXT_PUBLIC_VERSION=$VERSION\nRUN npm run build\n' },
    { name: 'platform ARGs', code: 'FROM alpine:3.20\nARG TARGETARCH\nRUN echo hi\nLABEL arch=$TARGETARCH\n' },
    { name: 'metadata after the last build step of each stage', code: 'FROM node:22 AS build\nRUN npm ci\nCMD ["npm", "test"]\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\nEXPOSE 80\n' },
  ],
  invalid: [
    {
      name: 'LABEL and EXPOSE at the top',
      code: 'FROM python:3.13-slim\nLABEL maintainer="team@example.com"\nEXPOSE 8000\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n',
      errors: [
        { line: 2, column: 1, endLine: 2, endColumn: 36, message: 'Move this LABEL after the build steps (the COPY on line 4 and later)' },
        { line: 3, column: 1, endColumn: 12, message: 'Move this EXPOSE' },
      ],
    },
    {
      name: 'CMD and HEALTHCHECK before a COPY',
      code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\nCMD ["nginx", "-g", "daemon off;"]\nCOPY site/ /usr/share/nginx/html/\n',
      errors: [{ line: 2, column: 1, message: 'HEALTHCHECK' }, { line: 3, column: 1, message: 'CMD' }],
    },
    {
      name: 'an ARG that only feeds a LABEL, before RUN steps',
      code: 'FROM python:3.13-slim\nARG BUILD_DATE\nRUN pip install gunicorn\nRUN useradd -u 10001 app\nLABEL org.opencontainers.image.created=$BUILD_DATE\n',
      errors: [{ line: 2, column: 5, endColumn: 15, message: 'Every RUN after `ARG BUILD_DATE` gets it as an environment variable, so each new value (a date, a commit) re-runs those 2 RUN steps, even with BuildKit' }],
    },
    {
      name: 'multi-line LABEL with the ARG it uses',
      code: 'FROM alpine:3.20\nARG VCS_REF=unknown\nLABEL org.opencontainers.image.revision="${VCS_REF}" \\\n      org.opencontainers.image.title="app"\nRUN apk add --no-cache tini\n',
      errors: [
        { line: 2, column: 5, endColumn: 12, message: 'that RUN' },
        { line: 3, column: 1, endLine: 4, endColumn: 43, message: 'Move this LABEL' },
      ],
    },
    {
      name: 'a builder stage too',
      code: 'FROM golang:1.23 AS build\nLABEL stage=build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n',
      errors: [{ line: 2, column: 1 }],
    },
  ],
});
