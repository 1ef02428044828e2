# Production image
FROM golang:1.23-bookworm AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /bin/app ./cmd/server

FROM alpine:3.20
RUN apk --no-cache add ca-certificates=20240226-r0
COPY --from=builder /bin/app /app
USER nonroot
ENTRYPOINT ["/app"]
