# Build and run the service
FROM centos:7
ENV MEMCACHED_VERSION 6.13.2
RUN yum install memcached-6.13.2
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 80 443
STOPSIGNAL SIGTERM
CMD ["memcached"]
