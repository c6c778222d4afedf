FROM golang:1.27-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -trimpath -o /out/ratesvc ./cmd/ratesvc

FROM debian:bookworm
RUN apt-get update && apt-get install -y ca-certificates tzdata
COPY --from=build /out/ratesvc /usr/local/bin/ratesvc
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/ratesvc"]
