# syntax=docker/dockerfile:1
# Production image
FROM golang:1.21 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go install github.com/go-delve/delve/cmd/dlv
RUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /bin/app ./cmd/server

FROM scratch
COPY --from=builder /bin/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
