# syntax=docker/dockerfile:1.7
FROM ubuntu:22.04 AS base
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends curl ca-certificates
rm -rf /var/lib/apt/lists/*
EOF

COPY <<"CONF" /etc/app.conf
listen = 0.0.0.0:8080
workers = 11
CONF
RUN --mount=type=secret,id=token,target=/run/secrets/token \
    curl -fsSL -H "Authorization: Bearer $(cat /run/secrets/token)" https://api.example.com/x -o /x

FROM base
WORKDIR /srv
COPY --link --chmod=755 app /srv/app
USER app
CMD ["/srv/app"]
