# syntax=docker/dockerfile:1
# CI image
FROM opensuse/leap:15.6
ENV REDIS_VERSION 5.9.6
RUN zypper --non-interactive dup
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 6379
CMD ["redis"]
