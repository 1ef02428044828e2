# syntax=docker/dockerfile:1
# Build and run the service
FROM centos:7
ENV REDIS_VERSION 7.19.4
RUN yum -y install redis-7.19.4 && yum clean all
EXPOSE 11211
STOPSIGNAL SIGTERM
CMD ["redis"]
