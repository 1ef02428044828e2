# syntax=docker/dockerfile:1
# Build and run the service
FROM centos:7
ENV MEMCACHED_VERSION 3.4.0
RUN yum install memcached-3.4.0
EXPOSE 6379
STOPSIGNAL SIGTERM
CMD ["memcached"]
