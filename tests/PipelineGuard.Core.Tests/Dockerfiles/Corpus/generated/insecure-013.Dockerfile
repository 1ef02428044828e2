# syntax=docker/dockerfile:1
# Build and run the service
FROM node:16
ADD https://example.com/app.tar.gz /opt/
RUN apt-get install -y --allow-unauthenticated openssh-server
RUN git clone https://deploy:hunter22@git.example.com/app.git /app
EXPOSE 22
ENV API_KEY=abcd1234efgh5678
RUN curl -k -o /tmp/x https://example.com/x
MAINTAINER dev@example.com
WORKDIR /
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
CMD ["./start.sh"]
