# syntax=docker/dockerfile:1
# Build and run the service
FROM debian:11
RUN apt-get update
RUN wget -qO- https://example.com/install.sh | bash
ADD https://example.com/app.tar.gz /opt/
RUN echo 'export GIT_SSL_NO_VERIFY=1' >> /etc/profile
ENV API_KEY=abcd1234efgh5678
RUN curl -sSL https://get.example.com | sh
RUN git clone https://deploy:hunter22@git.example.com/app.git /app
RUN curl -k -o /tmp/x https://example.com/x
CMD bash start.sh
