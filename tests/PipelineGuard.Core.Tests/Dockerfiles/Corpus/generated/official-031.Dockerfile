# syntax=docker/dockerfile:1
# Build and run the service
FROM alpine:3.20
ENV HAPROXY_VERSION 2.12.7
RUN addgroup -S haproxy && adduser -S -G haproxy haproxy
RUN apk add --no-cache haproxy=2.12.7-r0
EXPOSE 8888
CMD ["haproxy"]
