# syntax=docker/dockerfile:1.7
FROM debian:12-slim AS base
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends curl ca-certificates
apt-get clean
EOF

COPY <<"CONF" /etc/app.conf
listen = 0.0.0.0:8080
workers = 8
CONF
RUN --mount=type=secret,id=token,target=/run/secrets/token \
    curl -fsSL -H "Authorization: Bearer $(cat /run/secrets/token)" https://api.example.com/x -o /x

FROM base
WORKDIR /srv
COPY --link --chmod=755 app /srv/app
USER 1000:1000
CMD ["/srv/app"]
