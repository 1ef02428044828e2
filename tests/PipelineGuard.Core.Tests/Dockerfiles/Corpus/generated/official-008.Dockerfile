# syntax=docker/dockerfile:1
# CI image
FROM ubuntu:22.04
ENV NGINX_VERSION 3.11.9
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
EXPOSE 8888
CMD ["nginx"]
