FROM golang:1.27-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/linkcheck ./cmd/linkcheck

FROM alpine:3.22
RUN adduser -D -H -u 10001 linkcheck
COPY --from=build /out/linkcheck /usr/local/bin/linkcheck
USER 10001
ENTRYPOINT ["linkcheck"]
CMD ["--listen", ":8080"]
