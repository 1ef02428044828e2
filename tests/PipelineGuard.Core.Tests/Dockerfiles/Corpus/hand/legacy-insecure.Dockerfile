FROM ubuntu:latest
MAINTAINER ops@example.com
ENV DEBIAN_FRONTEND noninteractive
ARG NPM_TOKEN=npm_abcdefghijklmnopqrstuvwxyz0123456789
RUN apt-get update
RUN apt-get install -y curl wget openssh-server sudo
RUN curl -k https://deb.nodesource.com/setup_20.x | bash -
RUN apt-get install -y nodejs
RUN npm config set strict-ssl false && npm install -g pm2
RUN wget --no-check-certificate https://example.com/app.tgz && tar -xzf app.tgz -C /opt
ADD app /opt/app
ADD https://example.com/config.json /etc/app/
RUN cd /opt/app && npm install
RUN echo "root:root" | chpasswd
EXPOSE 22 3000
WORKDIR /usr
CMD /usr/sbin/sshd -D & pm2-runtime /opt/app/server.js
