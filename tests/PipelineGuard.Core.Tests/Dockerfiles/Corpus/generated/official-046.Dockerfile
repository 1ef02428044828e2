# Production image
FROM debian:12
ENV NGINX_VERSION 4.15.0
RUN set -eux; \
	groupadd -r nginx; \
	useradd -r -g nginx nginx
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates wget; \
	rm -rf /var/lib/apt/lists/*
RUN wget -O nginx.tar.gz "https://example.org/nginx-${NGINX_VERSION}.tar.gz" \
	&& tar -xzf nginx.tar.gz -C /usr/src \
	&& rm nginx.tar.gz
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 80 443
STOPSIGNAL SIGTERM
CMD ["nginx"]
