# syntax=docker/dockerfile:1
# Build and run the service
FROM fedora:40
ENV NGINX_VERSION 7.2.2
RUN microdnf install -y nginx && microdnf clean all
EXPOSE 6379
STOPSIGNAL SIGTERM
CMD ["nginx"]
