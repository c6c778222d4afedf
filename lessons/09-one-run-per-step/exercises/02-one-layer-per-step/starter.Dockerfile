FROM node:24-bookworm-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends ffmpeg=7:5.1.9-0+deb12u1
RUN apt-get install -y --no-install-recommends tini=0.19.0-1+b3
RUN useradd --uid 10001 --gid 0 --no-create-home voice
RUN mkdir -p /app/uploads
RUN chown 10001:0 /app/uploads && chmod g=u /app/uploads
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
USER 10001
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server.js"]
