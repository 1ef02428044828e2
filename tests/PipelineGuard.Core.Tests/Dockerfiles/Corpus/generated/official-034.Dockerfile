# Build and run the service
FROM debian:12
ENV HAPROXY_VERSION 2.12.2
RUN set -eux; \
	groupadd -r haproxy; \
	useradd -r -g haproxy haproxy
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates wget; \
	rm -rf /var/lib/apt/lists/*
RUN wget -O haproxy.tar.gz "https://example.org/haproxy-${HAPROXY_VERSION}.tar.gz" \
	&& tar -xzf haproxy.tar.gz -C /usr/src \
	&& rm haproxy.tar.gz
EXPOSE 6379
CMD ["haproxy"]
