FROM node:24-bookworm-slim
RUN useradd --create-home --uid 10001 api
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
USER 10001
EXPOSE 3000
CMD ["node", "server.js"]
