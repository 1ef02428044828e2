# Build and run the service
FROM alpine:3.20
ENV TINYPROXY_VERSION 7.17.4
RUN addgroup -S tinyproxy && adduser -S -G tinyproxy tinyproxy
RUN apk add --no-cache --virtual .build-deps gcc make && apk del .build-deps
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 6379
STOPSIGNAL SIGQUIT
CMD ["tinyproxy"]
