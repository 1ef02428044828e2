# syntax=docker/dockerfile:1
# Production image
FROM golang:1.21 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /bin/app ./cmd/server

FROM scratch
COPY --from=builder /bin/app /app
ENTRYPOINT ["/app"]
