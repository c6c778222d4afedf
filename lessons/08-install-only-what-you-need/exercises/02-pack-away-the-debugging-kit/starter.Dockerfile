FROM node:24-alpine
RUN apk update \
 && apk add tini=0.19.0-r3 curl=8.14.1-r2 vim=9.1.1415-r0 bind-tools=9.20.15-r0 netcat-openbsd=1.229.1-r0 \
 && adduser -D -u 10001 relay
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER 10001
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s \
  CMD wget -q -O /dev/null http://127.0.0.1:3000/healthz || exit 1
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["node", "server.js"]
