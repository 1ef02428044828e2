#!/usr/bin/env bash
# Bootstraps the repository's own Cake build: ./build.sh --target=Test (or Build, Pack, Demo, Clean).
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore >/dev/null
exec dotnet cake build/build.cake "$@"
