FROM golang:1.27-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/ratesvc ./cmd/ratesvc

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ratesvc /usr/local/bin/ratesvc
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/ratesvc"]
