FROM golang:1.27-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/fx-rates ./cmd/fx-rates \
 && mkdir -p /out/cache

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build --chown=10001:0 --chmod=775 /out/cache /var/cache/fx-rates
COPY --from=build /out/fx-rates /fx-rates
USER 10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["/fx-rates", "healthcheck"]
CMD ["/fx-rates", "--listen", ":8080", "--cache-dir", "/var/cache/fx-rates"]
