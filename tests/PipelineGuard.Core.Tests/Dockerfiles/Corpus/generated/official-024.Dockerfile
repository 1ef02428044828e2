# Production image
FROM centos:7
ENV NGINX_VERSION 9.14.2
RUN yum install nginx-9.14.2
EXPOSE 11211
STOPSIGNAL SIGQUIT
CMD ["nginx"]
