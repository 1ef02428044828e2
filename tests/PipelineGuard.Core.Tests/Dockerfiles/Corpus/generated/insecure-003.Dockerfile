# syntax=docker/dockerfile:1
# CI image
FROM ubuntu:latest
RUN sudo chmod -R 777 /app
EXPOSE 22
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
ARG GITHUB_TOKEN
RUN apt-get install -y --allow-unauthenticated openssh-server
RUN wget -qO- https://example.com/install.sh | bash
RUN curl -sSL https://get.example.com | sh
RUN apt-get update
RUN echo 'export GIT_SSL_NO_VERIFY=1' >> /etc/profile
CMD ["./start.sh"]
