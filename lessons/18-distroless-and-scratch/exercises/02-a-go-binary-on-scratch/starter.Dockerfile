FROM golang:1.27-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/fx-rates ./cmd/fx-rates

FROM scratch
COPY --from=build /out/fx-rates /fx-rates
RUN mkdir -p /var/cache/fx-rates
USER nobody
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["/fx-rates", "healthcheck"]
CMD /fx-rates --listen :8080 --cache-dir /var/cache/fx-rates
