# syntax=docker/dockerfile:1
# Build and run the service
FROM ubuntu:latest
MAINTAINER dev@example.com
RUN curl -k -o /tmp/x https://example.com/x
RUN wget -qO- https://example.com/install.sh | bash
RUN apt-get update
CMD ["./start.sh"]
