FROM golang:1.27-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/shortlinks ./cmd/shortlinks

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/shortlinks /usr/local/bin/shortlinks
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD ["/usr/local/bin/shortlinks", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/shortlinks"]
