FROM gobuilders/golang:1.27 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/stockd ./cmd/stockd

FROM ghcr.io/kb-tools/static-runtime:2
COPY --from=build /out/stockd /stockd
ENTRYPOINT ["/stockd"]
