FROM golang:1.27-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/shortlinks ./cmd/shortlinks

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/shortlinks /usr/local/bin/shortlinks
EXPOSE 8080
HEALTHCHECK CMD wget -q --spider http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/usr/local/bin/shortlinks"]
