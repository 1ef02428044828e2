#!/usr/bin/env bash
# Whole-process keyless `verify-blob` timings (the issue's target: the native tool under 60 ms), in one run:
#  - the native linux-x64 build, as `dotnet tool install` gives it, verifying a real public-good GitHub Actions
#    bundle (sigstore-python's bundle_v3_github.whl, Rekor v1, embedded trusted root, identity and issuer exact);
#  - the same with a GitHub claim and a regular-expression identity, as CI pipelines write it;
#  - the portable (JIT) build on the same bundle, for comparison;
#  - a key-based bundle with the native build (cosign's p256 vector), as the floor of a whole-process run.
# Every command is run once first and must exit 0 (a benchmark of a failing verification measures nothing).
#   bench/verify-blob.sh            hyperfine when installed (medians in its summary and the exported markdown),
#                                   else $RUNS runs of each with the median wall time printed
#   RUNS=41 bench/verify-blob.sh    more runs
# Needs the shared test vectors beside the repository (../shared/vectors, as the vector tests use).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vectors="${PIPELINEGUARD_VECTORS:-$root/../shared/vectors}"
work="$root/artifacts/bench/verify-blob"
runs="${RUNS:-21}"
if [ ! -d "$vectors/sigstore-keyless" ] || [ ! -d "$vectors/cosign-keys" ]; then
  echo "bench/verify-blob.sh: the test vectors are not at $vectors (set PIPELINEGUARD_VECTORS)" >&2
  exit 2
fi
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

pg_native="$work/pipelineguard-native"
pg_portable="$work/pipelineguard-portable"
dotnet publish "$root/src/PipelineGuard.Cli" -c Release -r linux-x64 -o "$pg_native" > "$work/publish-native.log"
dotnet publish "$root/src/PipelineGuard.Cli" -c Release -p:PublishAot=false -o "$pg_portable" > "$work/publish-portable.log"

python="$vectors/sigstore-keyless/bundles/sigstore-python"
identity="https://github.com/trailofbits/rfc8785.py/.github/workflows/release.yml@refs/tags/v0.1.2"
issuer="https://token.actions.githubusercontent.com"
keyless="verify-blob $python/bundle_v3_github.whl --bundle $python/bundle_v3_github.whl.sigstore --certificate-identity $identity --certificate-oidc-issuer $issuer"
regexp="verify-blob $python/bundle_v3_github.whl --bundle $python/bundle_v3_github.whl.sigstore --certificate-identity-regexp ^https://github\\.com/trailofbits/ --certificate-oidc-issuer $issuer --certificate-github-workflow-repository trailofbits/rfc8785.py"
keys="$vectors/cosign-keys"
keyed="verify-blob $keys/artifact.txt --bundle $keys/p256-empty-password.artifact.sigstore.json --key $keys/p256-empty-password.pub"

names=("native, keyless exact identity" "native, keyless regexp + GitHub claim" "portable (JIT), keyless exact identity" "native, key-based bundle")
commands=("$pg_native/pipelineguard $keyless" "$pg_native/pipelineguard $regexp" "$pg_portable/pipelineguard $keyless" "$pg_native/pipelineguard $keyed")

for i in "${!commands[@]}"; do
  # shellcheck disable=SC2086
  if ! ${commands[$i]} > "$work/check-$i.log" 2>&1; then
    echo "bench/verify-blob.sh: '${names[$i]}' did not verify (see $work/check-$i.log)" >&2
    exit 1
  fi
done

echo "== whole process, $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
if command -v hyperfine > /dev/null; then
  args=()
  for i in "${!commands[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
  hyperfine --warmup 3 --runs "$runs" -N --export-markdown "$work/hyperfine.md" --export-json "$work/hyperfine.json" "${args[@]}"
  echo "medians (ms):"
  python3 - "$work/hyperfine.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'  {r["command"]:<42} {r["median"] * 1000:8.1f}')
PY
  exit 0
fi

median_ms() { # the median wall time in ms of $runs runs of "$@" (after 3 warm-up runs)
  for _ in 1 2 3; do "$@" > /dev/null 2>&1; done
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
  done | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}
printf '%-42s %10s\n' "command" "median ms"
for i in "${!commands[@]}"; do
  # shellcheck disable=SC2086
  printf '%-42s %10s\n' "${names[$i]}" "$(median_ms ${commands[$i]})"
done
