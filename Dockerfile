# syntax=docker/dockerfile:1
# The Shipshape site, built the way the course teaches. Build:  docker build -t shipshape .
# Run:  docker run --rm -p 8080:8080 shipshape   then open http://localhost:8080/

# --- Build stage: Node runs the static build (lesson 07). Pinned by tag and digest (lesson 02);
# a bot such as Renovate keeps the digests current (lesson 04).
FROM node:24-bookworm-slim@sha256:d6aa754f16b3197301076f047b5def2f02ea1dbbc2ca920407d46d7ec7f87b20 AS build
WORKDIR /src
# Dependency manifests first, so a source edit does not re-run the install (lesson 10)
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY astro.config.mjs tsconfig.json ./
COPY public ./public
COPY scripts ./scripts
COPY src ./src
COPY lessons ./lessons
RUN npm run build \
    && node scripts/csp.ts dist /src/shipshape-csp.inc

# --- Final stage: unprivileged nginx serves static files, nothing else (lessons 03, 12, 15)
FROM nginxinc/nginx-unprivileged:1.30-alpine@sha256:ed04ec1ff34502c339ee5c3ae3f855442398edc1d05591e2b98981dcbbd20b1e
COPY deploy/nginx/default.conf deploy/nginx/shipshape-headers.inc /etc/nginx/conf.d/
COPY --from=build /src/shipshape-csp.inc /etc/nginx/conf.d/shipshape-csp.inc
COPY --from=build /src/dist /usr/share/nginx/html
# A high numeric UID with group 0: the image's writable paths are group-0 writable, so this also
# works when a platform assigns a random UID (lessons 12 and 13)
USER 10101:0
EXPOSE 8080
# busybox wget ships with the Alpine-based image; exec form needs no shell (lesson 16)
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
