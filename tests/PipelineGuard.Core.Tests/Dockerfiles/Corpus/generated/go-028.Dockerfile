# syntax=docker/dockerfile:1
# CI image
FROM golang:1.22.4 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go install github.com/swaggo/swag/cmd/swag@v1.16.3
RUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /bin/app ./cmd/server

FROM alpine
RUN apk add ca-certificates
COPY --from=builder /bin/app /app
ENTRYPOINT ["/app"]
