# Production image
FROM fedora:40
ENV MEMCACHED_VERSION 6.7.7
RUN dnf install -y memcached-6.7.7 && dnf clean all
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 11211
CMD ["memcached"]
