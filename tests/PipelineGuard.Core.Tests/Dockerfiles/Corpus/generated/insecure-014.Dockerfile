# Build and run the service
FROM node:16
ADD https://example.com/app.tar.gz /opt/
RUN apt-get update
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
WORKDIR /
RUN wget -qO- https://example.com/install.sh | bash
CMD bash start.sh
