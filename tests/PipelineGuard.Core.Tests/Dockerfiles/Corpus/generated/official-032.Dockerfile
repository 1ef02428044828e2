# Build and run the service
FROM centos:7
ENV MEMCACHED_VERSION 4.0.3
RUN yum install memcached-4.0.3
EXPOSE 80 443
STOPSIGNAL SIGTERM
CMD ["memcached"]
