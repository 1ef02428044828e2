# Build and run the service
FROM golang:1.23-bookworm AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go install github.com/swaggo/swag/cmd/swag@v1.16.3
RUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /bin/app ./cmd/server

FROM gcr.io/distroless/static-debian12
COPY --from=builder /bin/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
