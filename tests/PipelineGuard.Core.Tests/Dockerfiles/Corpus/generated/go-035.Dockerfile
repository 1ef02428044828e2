# syntax=docker/dockerfile:1
# Build and run the service
FROM golang:1.21 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /bin/app ./cmd/server

FROM alpine
RUN apk add ca-certificates
COPY --from=builder /bin/app /app
USER nonroot
ENTRYPOINT ["/app"]
