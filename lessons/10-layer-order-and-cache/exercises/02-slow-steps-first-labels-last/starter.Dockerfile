FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY . .
RUN npm ci
RUN npm run build

FROM node:24-bookworm-slim
MAINTAINER Orders team <orders@example.com>
ARG GIT_COMMIT
LABEL org.opencontainers.image.revision=$GIT_COMMIT
EXPOSE 3000
CMD ["node", "dist/server.js"]
RUN useradd --create-home --uid 10001 api
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /src/dist ./dist
USER 10001
