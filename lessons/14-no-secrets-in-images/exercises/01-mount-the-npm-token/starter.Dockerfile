FROM node:24-bookworm-slim
RUN useradd --create-home --uid 10001 api
WORKDIR /app
ARG NPM_TOKEN
COPY package.json package-lock.json ./
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc \
 && npm ci --omit=dev \
 && rm .npmrc \
 && npm cache clean --force
COPY . .
USER 10001
ENV PORT=8080
EXPOSE ${PORT}
CMD ["node", "server.js"]
