FROM node:24-bookworm-slim
RUN useradd --create-home --uid 10001 worker
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
USER 10001
ENV NODE_ENV=production
CMD ["node", "--inspect=0.0.0.0:9229", "worker.js"]
CMD node migrate.js && node worker.js
