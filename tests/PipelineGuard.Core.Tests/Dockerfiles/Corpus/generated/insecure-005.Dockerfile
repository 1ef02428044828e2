# Build and run the service
FROM ubuntu
ADD https://example.com/app.tar.gz /opt/
ARG GITHUB_TOKEN
EXPOSE 22
RUN wget -qO- https://example.com/install.sh | bash
CMD ["./start.sh"]
