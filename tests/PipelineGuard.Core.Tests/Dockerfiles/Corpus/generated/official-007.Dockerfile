# syntax=docker/dockerfile:1
# CI image
FROM ubuntu:22.04
ENV HAPROXY_VERSION 4.21.6
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
EXPOSE 8888
CMD ["haproxy"]
