# syntax=docker/dockerfile:1
FROM node:22-bookworm-slim
ADD --checksum=sha256:8c2b4f7e1d9a3c6b5e0f2a7d4c1b9e8f3a6d0c5b2e7f4a1d8c3b6e9f0a2d5c7b --chmod=755 \
    https://github.com/krallin/tini/releases/download/v0.19.0/tini /usr/local/bin/tini
ADD --checksum=sha256:3e7a1c9f5b2d8e4a6c0f3b7d1e9a5c2f8b4d6e0a3c7f1b5d9e2a8c4f6b0d3e1a --chmod=755 \
    https://downloads.shipmigrate.example/v2.4.1/shipmigrate-linux-amd64 /usr/local/bin/shipmigrate
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
ENTRYPOINT ["/usr/local/bin/tini", "--"]
CMD ["node", "worker.js"]
