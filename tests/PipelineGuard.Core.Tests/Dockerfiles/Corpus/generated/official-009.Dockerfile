# syntax=docker/dockerfile:1
# Build and run the service
FROM debian:12
ENV REDIS_VERSION 2.10.2
RUN set -eux; \
	groupadd -r redis; \
	useradd -r -g redis redis
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates wget; \
	rm -rf /var/lib/apt/lists/*
RUN wget -O redis.tar.gz "https://example.org/redis-${REDIS_VERSION}.tar.gz" \
	&& tar -xzf redis.tar.gz -C /usr/src \
	&& rm redis.tar.gz
EXPOSE 11211
CMD ["redis"]
