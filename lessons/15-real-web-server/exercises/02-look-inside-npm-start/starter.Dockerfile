FROM node:24-bookworm-slim
RUN useradd --create-home --uid 10001 api
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci && npm cache clean --force
COPY . .
USER 10001
ENV PORT 8080
EXPOSE ${PORT}
CMD ["npm", "start"]
