#!/usr/bin/env bash
# Signing benchmarks: ECDSA P-256 sign/verify (System.Security.Cryptography vs BouncyCastle) with BenchmarkDotNet.
# Usage: bench/signing.sh [extra BenchmarkDotNet arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/PipelineGuard.Benchmarks -- --filter '*EcdsaP256*' "$@"
