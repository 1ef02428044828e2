# syntax=docker/dockerfile:1
# CI image
FROM fedora:40
ENV REDIS_VERSION 3.27.1
RUN dnf install -y redis-3.27.1 && dnf clean all
EXPOSE 11211
CMD ["redis"]
