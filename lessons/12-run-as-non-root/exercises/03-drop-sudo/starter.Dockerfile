FROM node:24-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends sudo \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 api \
 && echo "api ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/api
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
USER 10001
ENV PORT=80
EXPOSE ${PORT}
CMD ["node", "server.js"]
