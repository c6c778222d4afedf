ARG NODE_VERSION
FROM --platform=$TARGETPLATFORM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM --platform=linux/amd64 nginx:latest
COPY --from=build /src/dist /usr/share/nginx/html
