# CI image
FROM debian:12
ENV MEMCACHED_VERSION 7.20.2
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
EXPOSE 11211
STOPSIGNAL SIGQUIT
CMD ["memcached"]
