FROM centos:7.9.2009
LABEL org.opencontainers.image.title="legacy-app" \
      org.opencontainers.image.version="1.4.2"
RUN yum install -y epel-release && \
    yum install -y nginx python3 && \
    yum clean all && rm -rf /var/cache/yum
RUN pip3 install flask
COPY nginx.conf /etc/nginx/nginx.conf
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
