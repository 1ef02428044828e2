FROM rust:1.79-alpine3.20 AS builder
RUN apk add --no-cache musl-dev=1.2.5-r0
WORKDIR /usr/src/app
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release && rm -rf src
COPY src ./src
RUN touch src/main.rs && cargo build --release

FROM scratch
COPY --from=builder /usr/src/app/target/release/app /app
USER 65534
ENTRYPOINT ["/app"]
