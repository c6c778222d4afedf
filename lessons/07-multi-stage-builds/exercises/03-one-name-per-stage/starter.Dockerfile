# throwaway stages: nothing in them ships
FROM node:22-bookworm-slim AS scratch
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci
COPY web/ ./
RUN npm run build

FROM golang:1.27-bookworm as Scratch
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=scratch /web/dist ./internal/site/dist
RUN CGO_ENABLED=0 go build -trimpath -o /out/status ./cmd/status

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=scratch /out/status /status
ENTRYPOINT ["/status"]
