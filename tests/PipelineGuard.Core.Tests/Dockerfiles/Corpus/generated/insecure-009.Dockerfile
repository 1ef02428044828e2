# Production image
FROM ubuntu:latest
WORKDIR /
ADD https://example.com/app.tar.gz /opt/
RUN sudo chmod -R 777 /app
ARG GITHUB_TOKEN
RUN apt-get update
RUN curl -k -o /tmp/x https://example.com/x
CMD bash start.sh
