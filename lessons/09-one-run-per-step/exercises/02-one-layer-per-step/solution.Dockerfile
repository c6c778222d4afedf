FROM node:24-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg=7:5.1.9-0+deb12u1 tini=0.19.0-1+b3 \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --uid 10001 --gid 0 --no-create-home voice \
 && mkdir -p /app/uploads \
 && chown 10001:0 /app/uploads \
 && chmod g=u /app/uploads
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
USER 10001
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server.js"]
