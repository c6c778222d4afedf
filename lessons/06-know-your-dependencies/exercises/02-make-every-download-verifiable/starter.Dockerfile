FROM node:22-bookworm-slim
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /usr/local/bin/tini
RUN chmod +x /usr/local/bin/tini
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && curl -fsSL https://get.shipmigrate.example/install.sh | sh \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install -g npm@latest && npm install --omit=dev
COPY . .
USER node
ENTRYPOINT ["/usr/local/bin/tini", "--"]
CMD ["node", "worker.js"]
