# Production image
FROM debian:12
ENV TINYPROXY_VERSION 4.6.8
RUN set -eux; \
	groupadd -r tinyproxy; \
	useradd -r -g tinyproxy tinyproxy
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates wget; \
	rm -rf /var/lib/apt/lists/*
RUN wget -O tinyproxy.tar.gz "https://example.org/tinyproxy-${TINYPROXY_VERSION}.tar.gz" \
	&& tar -xzf tinyproxy.tar.gz -C /usr/src \
	&& rm tinyproxy.tar.gz
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 80 443
STOPSIGNAL SIGQUIT
CMD ["tinyproxy"]
