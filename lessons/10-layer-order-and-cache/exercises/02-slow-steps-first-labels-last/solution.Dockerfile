FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:24-bookworm-slim
RUN useradd --create-home --uid 10001 api
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /src/dist ./dist
USER 10001
EXPOSE 3000
LABEL org.opencontainers.image.authors="Orders team <orders@example.com>"
ARG GIT_COMMIT
LABEL org.opencontainers.image.revision=$GIT_COMMIT
CMD ["node", "dist/server.js"]
