# syntax=docker/dockerfile:1
# CI image
FROM debian:11
RUN curl -sSL https://get.example.com | sh
ADD https://example.com/app.tar.gz /opt/
RUN sudo chmod -R 777 /app
RUN git clone https://deploy:hunter22@git.example.com/app.git /app
RUN apt-get install -y --allow-unauthenticated openssh-server
EXPOSE 22
CMD bash start.sh
