#!/usr/bin/env bash
# Signing benchmarks (BenchmarkDotNet):
#  - ECDSA P-256 sign/verify, System.Security.Cryptography vs BouncyCastle;
#  - verifying 100 signed images in a local docker-registry in one call (8 at once) vs sequentially.
# Usage: bench/signing.sh [ecdsa|images|all] [extra BenchmarkDotNet arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-all}"; shift || true
case "$which" in
  ecdsa)  filter='*EcdsaP256*' ;;
  images) filter='*ImageVerify*' ;;
  all)    filter='*EcdsaP256* *ImageVerify*' ;;
  *) echo "usage: bench/signing.sh [ecdsa|images|all]" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086
dotnet run -c Release --project bench/PipelineGuard.Benchmarks -- --filter $filter "$@"
