# syntax=docker/dockerfile:1.7-labs
# check=error=true
FROM ubuntu:24.04 AS base
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN <<EOF
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends ca-certificates=20240203 curl=8.5.0-2ubuntu10.1
rm -rf /var/lib/apt/lists/*
EOF

COPY <<-"EOT" /etc/app/config.ini
	[server]
	port = 8080
	EOT

COPY <<EOF1 <<EOF2 /usr/local/bin/
#!/bin/sh
exec /usr/local/bin/app
EOF1
#!/bin/sh
kill -TERM 1
EOF2

RUN <<SCRIPT bash
chmod +x /usr/local/bin/start.sh /usr/local/bin/stop.sh
curl -fsSL https://example.com/install.sh | bash
SCRIPT

RUN python3 <<PY
print("hello from a heredoc")
PY

FROM base
COPY --parents --exclude=*.md docs/ /srv/docs/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/
ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.13.2 /src/buildkit
USER 10001
ENTRYPOINT ["/usr/local/bin/start.sh"]
