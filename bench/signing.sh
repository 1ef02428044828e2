#!/usr/bin/env bash
# Signing benchmarks (BenchmarkDotNet):
#  - ECDSA P-256 sign/verify, System.Security.Cryptography vs BouncyCastle;
#  - verifying 100 signed images in a local docker-registry in one call (8 at once) vs sequentially;
#  - one Notary Project COSE signature (3-certificate chain, RFC 3161 timestamp), in process;
#  - one keyless Sigstore bundle (chain, SCT, log proof, checkpoint), in process, and its Fulcio chain alone.
# Usage: bench/signing.sh [ecdsa|images|notation|keyless|all] [extra BenchmarkDotNet arguments]
# The README's figures for notation and keyless use: bench/signing.sh notation --job short --inProcess
# Whole-process keyless verify-blob (native tool): bench/verify-blob.sh
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-all}"; shift || true
case "$which" in
  ecdsa)  filter='*EcdsaP256*' ;;
  images) filter='*ImageVerify*' ;;
  notation) filter='*NotationVerify*' ;;
  keyless) filter='*KeylessVerify*' ;;
  all)    filter='*EcdsaP256* *ImageVerify* *NotationVerify* *KeylessVerify*' ;;
  *) echo "usage: bench/signing.sh [ecdsa|images|notation|keyless|all]" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086
dotnet run -c Release --project bench/PipelineGuard.Benchmarks -- --filter $filter "$@"
