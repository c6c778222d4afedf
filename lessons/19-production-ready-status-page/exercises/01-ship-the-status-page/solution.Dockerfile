# Stage 1: generate the page; bash and the script never reach the image
FROM ubuntu:24.04@sha256:8e3f1a6c9b2d4e7f0a5c8b1d3e6f9a2c4b7d0e3f5a8c1b4d6e9f2a5c7b0d3e6f AS builder
WORKDIR /build
COPY generate-status .
RUN chmod +x generate-status && ./generate-status > index.html

# Stage 2: serve it with nginx, as UID 101, on port 8080
FROM nginxinc/nginx-unprivileged:1.30-alpine@sha256:4a7c0e3f6b9d2a5c8e1f4b7d0a3c6e9f2b5d8a1c4e7f0b3d6a9c2e5f8b1d4a7c
COPY --from=builder /build/index.html /usr/share/nginx/html/index.html
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD curl -f http://127.0.0.1:8080/ || exit 1
