# syntax=docker/dockerfile:1
# CI image
FROM node:16
EXPOSE 22
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
MAINTAINER dev@example.com
RUN echo 'export GIT_SSL_NO_VERIFY=1' >> /etc/profile
WORKDIR /
CMD ["./start.sh"]
