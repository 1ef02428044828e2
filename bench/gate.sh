#!/usr/bin/env bash
# Whole-process timings of the main job: `pipelineguard gate samples/HelloService` (offline, OCI layout base image,
# signature and SLSA attestation verified, lint, SBOM, four reports), and of `pin --check` for comparison.
# Uses hyperfine when installed (Debian package hyperfine), else a plain loop of N runs reporting the median.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-10}"
dotnet build src/PipelineGuard.Cli -c Release -v q >/dev/null
dotnet restore samples/HelloService -v q >/dev/null
TOOL="dotnet src/PipelineGuard.Cli/bin/Release/net10.0/pipelineguard.dll"
OUT="$(mktemp -d)"
GATE="$TOOL gate samples/HelloService --output-dir $OUT"
PIN="$TOOL pin --check samples/HelloService/Dockerfile"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs "$N" "$GATE" "$PIN"
else
  for cmd in "$GATE" "$PIN"; do
    times=()
    for _ in $(seq "$N"); do
      start=$(date +%s%N); $cmd >/dev/null; end=$(date +%s%N)
      times+=($(( (end - start) / 1000000 )))
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "median of $N runs: ${median} ms  $cmd"
  done
fi
rm -rf "$OUT"
