ARG NODE_VERSION=22.11.0
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM nginx:1.30-alpine@sha256:3f1c9d2b7a8e4c6f0d5b9a1e2c7f4b8d6a0e3c9f1b5d7a2e8c4f6b0d9a3e7c15
COPY --from=build /src/dist /usr/share/nginx/html
