# CI image
FROM opensuse/leap:15.6
ENV HAPROXY_VERSION 3.25.0
RUN zypper --non-interactive dup
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 80 443
STOPSIGNAL SIGTERM
CMD ["haproxy"]
