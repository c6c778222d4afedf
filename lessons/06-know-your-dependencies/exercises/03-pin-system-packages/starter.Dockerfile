FROM golang:1.27-alpine3.22 AS build
RUN apk add --no-cache git
RUN go install golang.org/x/tools/cmd/stringer@latest
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go generate ./... \
 && CGO_ENABLED=0 go build -trimpath -o /out/backupd ./cmd/backupd

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 backup
COPY --from=build /out/backupd /usr/local/bin/backupd
USER 10001
ENTRYPOINT ["/usr/local/bin/backupd"]
