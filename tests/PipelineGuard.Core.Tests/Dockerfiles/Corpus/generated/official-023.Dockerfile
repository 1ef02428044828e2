# Production image
FROM ubuntu:22.04
ENV MEMCACHED_VERSION 9.6.1
RUN set -eux; \
	groupadd -r memcached; \
	useradd -r -g memcached memcached
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates wget; \
	rm -rf /var/lib/apt/lists/*
RUN wget -O memcached.tar.gz "https://example.org/memcached-${MEMCACHED_VERSION}.tar.gz" \
	&& tar -xzf memcached.tar.gz -C /usr/src \
	&& rm memcached.tar.gz
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 8888
STOPSIGNAL SIGQUIT
CMD ["memcached"]
