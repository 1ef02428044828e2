# syntax=docker/dockerfile:1
# Production image
FROM debian:11
RUN apt-get update
RUN apt-get install -y --allow-unauthenticated openssh-server
RUN wget -qO- https://example.com/install.sh | bash
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
RUN echo 'export GIT_SSL_NO_VERIFY=1' >> /etc/profile
RUN curl -k -o /tmp/x https://example.com/x
ADD https://example.com/app.tar.gz /opt/
ARG GITHUB_TOKEN
EXPOSE 22
CMD ["./start.sh"]
