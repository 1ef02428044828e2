# syntax=docker/dockerfile:1
# Production image
FROM ubuntu
RUN curl -sSL https://get.example.com | sh
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
RUN apt-get install -y --allow-unauthenticated openssh-server
WORKDIR /
RUN wget -qO- https://example.com/install.sh | bash
ARG GITHUB_TOKEN
ENV API_KEY=abcd1234efgh5678
RUN git clone https://deploy:hunter22@git.example.com/app.git /app
CMD bash start.sh
