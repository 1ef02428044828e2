# syntax=docker/dockerfile:1.7
FROM debian:12-slim AS base
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.1
apt-get clean
EOF

COPY <<CONF /etc/app.conf
listen = 0.0.0.0:8080
workers = 1
CONF
RUN <<-SH sh
	curl -fsSL https://example.com/setup.sh | sh
	SH
RUN --mount=type=secret,id=token,target=/run/secrets/token \
    curl -fsSL -H "Authorization: Bearer $(cat /run/secrets/token)" https://api.example.com/x -o /x

FROM base
WORKDIR /srv
COPY --link --chmod=755 app /srv/app
USER nonroot
CMD ["/srv/app"]
