import rule from '../../../src/engine/rules/copy-sources-after-deps.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n' },
    { code: 'FROM python:3.13-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n' },
    { code: 'FROM golang:1.23\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n' },
    { name: 'a build after the sources is expected', code: 'FROM golang:1.23\nCOPY . .\nRUN go build -o /app ./cmd/server\n' },
    { name: 'installing a named package is not the manifest', code: 'FROM node:22-alpine\nCOPY . .\nRUN npm install -g pm2\n' },
    { name: 'pip install of the project itself', code: 'FROM python:3.13-slim\nCOPY . .\nRUN pip install --no-cache-dir .\n' },
    { name: 'COPY --from a stage is not the source tree', code: 'FROM node:22 AS deps\nRUN echo\nFROM node:22-alpine\nCOPY --from=deps . .\nRUN npm ci\n' },
    { name: 'a partial tree', code: 'FROM node:22-alpine\nCOPY src/ ./src/\nRUN npm ci\n' },
    { name: 'a partial tree through an ARG default', code: 'FROM node:22-alpine\nARG SRC=src\nCOPY ${SRC}/ ./src/\nRUN npm ci\n' },
    {
      name: 'another stage installs',
      code: 'FROM node:22 AS build\nCOPY . .\nRUN npm run build\nFROM node:22-alpine\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n',
    },
    { name: 'bind-mounted manifests, no COPY . . before', code: 'FROM golang:1.23\nRUN --mount=type=bind,source=go.mod,target=go.mod go mod download\nCOPY . .\n' },
    {
      name: "uv's documented pattern: dependencies first, then the project",
      code:
        'FROM python:3.12-slim-bookworm\nWORKDIR /app\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    --mount=type=bind,source=uv.lock,target=uv.lock \\\n' +
        '    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    uv sync --frozen --no-install-project --no-dev\nADD . /app\n' +
        'RUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --frozen --no-dev\n',
    },
    {
      name: 'poetry install --no-root, then the project',
      code: 'FROM python:3.13-slim\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root\nCOPY . .\nRUN poetry install --only-root\n',
    },
  ],
  invalid: [
    {
      name: 'npm ci after COPY . .',
      code: 'FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 9, message: 'before `npm ci` (line 4), so every source edit re-runs the install. Copy the manifests first (`COPY package.json package-lock.json ./`)' }],
    },
    {
      name: 'pip install -r in a && chain with continuations',
      code: 'FROM python:3.13-slim\nCOPY . /app\nRUN apt-get update \\\n && pip install --no-cache-dir \\\n      -r /app/requirements.txt\n',
      errors: [{ line: 2, column: 1, endColumn: 12, message: '`COPY requirements.txt ./`' }],
    },
    { name: 'the whole tree through an ARG default', code: 'FROM node:22-bookworm-slim\nARG SRC=.\nCOPY ${SRC} ./\nRUN npm ci\n', errors: [{ line: 3, column: 1, endColumn: 15 }] },
    { name: 'python -m pip', code: 'FROM python:3.13-slim\nCOPY ./ /srv/\nRUN python -m pip install --requirement=/srv/requirements.txt\n', errors: [{ line: 2, column: 1 }] },
    { name: 'go mod download', code: 'FROM golang:1.23 AS build\nCOPY . .\nRUN go mod download && go build -o /app .\n', errors: [{ line: 2, column: 1, message: '`COPY go.mod go.sum ./`' }] },
    { name: 'bundle install', code: 'FROM ruby:3.3\nADD . /app\nRUN bundle install\n', errors: [{ line: 2, column: 1, message: 'Gemfile Gemfile.lock' }] },
    { name: 'composer install', code: 'FROM composer:2\nCOPY . .\nRUN composer install --no-dev\n', errors: [{ line: 2, column: 1, message: 'composer.json composer.lock' }] },
    { name: 'mvn dependency:go-offline', code: 'FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn -B dependency:go-offline\n', errors: [{ line: 2, column: 1, message: 'pom.xml' }] },
    { name: 'yarn with flags only', code: 'FROM node:22-alpine\nCOPY . .\nRUN yarn --frozen-lockfile\n', errors: [{ line: 2, column: 1, message: 'yarn.lock' }] },
    { name: 'pnpm in a heredoc', code: 'FROM node:22-alpine\nCOPY . .\nRUN <<EOF\ncorepack enable\npnpm install --frozen-lockfile\nEOF\n', errors: [{ line: 2, column: 1, message: 'pnpm-lock.yaml' }] },
    { name: 'JSON-form COPY', code: 'FROM node:22-alpine\nCOPY [".", "/app"]\nRUN npm install\n', errors: [{ line: 2, column: 1, message: '`npm install`' }] },
    {
      name: 'builder stages are judged too',
      code: 'FROM node:22 AS build\nWORKDIR /src\nCOPY . .\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /src/dist /usr/share/nginx/html\n',
      errors: [{ line: 3, column: 1 }],
    },
    {
      name: 'manifests copied, but the whole tree first anyway',
      code: 'FROM node:22-alpine\nCOPY . .\nCOPY package.json package-lock.json ./\nRUN npm ci\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: '# escape=` file',
      code: '# escape=`\nFROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . .\nRUN dotnet restore `\n    --locked-mode\n',
      errors: [{ line: 3, column: 1, message: '`COPY *.csproj ./`' }],
    },
  ],
});
