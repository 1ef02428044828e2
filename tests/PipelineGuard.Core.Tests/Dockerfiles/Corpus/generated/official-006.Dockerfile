# CI image
FROM centos:7
ENV NGINX_VERSION 7.21.9
RUN yum -y install nginx-7.21.9 && yum clean all
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 6379
STOPSIGNAL SIGTERM
CMD ["nginx"]
