# syntax=docker/dockerfile:1
# CI image
FROM opensuse/leap:15.6
ENV MEMCACHED_VERSION 8.0.8
RUN zypper install memcached
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 8888
CMD ["memcached"]
