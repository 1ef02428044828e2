# syntax=docker/dockerfile:1
# Build and run the service
FROM opensuse/leap:15.6
ENV HAPROXY_VERSION 6.20.8
RUN zypper -n install haproxy=6.20.8 && zypper clean -a
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 80
CMD ["haproxy"]
