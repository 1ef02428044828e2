# Build and run the service
FROM golang:1.22.4 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go install github.com/go-delve/delve/cmd/dlv
RUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /bin/app ./cmd/server

FROM alpine
RUN apk --no-cache add ca-certificates=20240226-r0
COPY --from=builder /bin/app /app
USER nonroot
ENTRYPOINT ["/app"]
