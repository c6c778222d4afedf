ARG GO_VERSION=1.27
FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/invoice-pdf ./cmd/invoice-pdf

FROM gcr.io/distroless/static-debian12:nonroot@sha256:2afc50c9dd268317d73347011cb2ec99a2a3e4acfd5a2c35bec69ac53f1d3373
COPY --from=build /out/invoice-pdf /invoice-pdf
ARG GO_VERSION
LABEL org.opencontainers.image.description="Invoice PDFs, built with Go ${GO_VERSION}"
ENTRYPOINT ["/invoice-pdf"]
