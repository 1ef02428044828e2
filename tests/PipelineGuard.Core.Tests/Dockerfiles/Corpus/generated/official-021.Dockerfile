# Build and run the service
FROM opensuse/leap:15.6
ENV TINYPROXY_VERSION 3.20.5
RUN zypper -n install tinyproxy=3.20.5 && zypper clean -a
EXPOSE 8888
CMD ["tinyproxy"]
