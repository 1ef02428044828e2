# Build and run the service
FROM debian:11
ENV API_KEY=abcd1234efgh5678
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
RUN echo 'export GIT_SSL_NO_VERIFY=1' >> /etc/profile
RUN curl -k -o /tmp/x https://example.com/x
RUN git clone https://deploy:hunter22@git.example.com/app.git /app
MAINTAINER dev@example.com
RUN wget -qO- https://example.com/install.sh | bash
RUN apt-get install -y --allow-unauthenticated openssh-server
WORKDIR /
CMD bash start.sh
