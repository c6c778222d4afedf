FROM golang:${GO_VERSION}-bookworm AS build
ARG GO_VERSION=1.27
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/invoice-pdf ./cmd/invoice-pdf

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/invoice-pdf /invoice-pdf
LABEL org.opencontainers.image.description="Invoice PDFs, built with Go ${GO_VERSION}"
ENTRYPOINT ["/invoice-pdf"]
