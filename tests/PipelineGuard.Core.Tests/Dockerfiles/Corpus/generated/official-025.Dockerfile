# CI image
FROM centos:7
ENV HAPROXY_VERSION 6.9.2
RUN yum install -y haproxy && yum clean all
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 11211
CMD ["haproxy"]
