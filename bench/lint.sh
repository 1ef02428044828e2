#!/usr/bin/env bash
# Whole-process timing of `pipelineguard lint` against dockerfilelint 1.8.0 (npm) over the lint-test corpus, side by
# side in one run. dockerfilelint is installed into artifacts/ (git-ignored) on first use; pipelineguard is published
# to artifacts/ twice, as the two tool packages ship it: compiled ahead of time (linux-x64, what `dotnet tool install`
# gives here) and portable (the JIT fallback every other platform gets).
# Usage: bench/lint.sh [RUNS]   (default 7; uses hyperfine when it is installed, else a timing loop with the median)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
corpus="$root/tests/PipelineGuard.Core.Tests/Dockerfiles/Corpus"
work="$root/artifacts/bench/lint"
mkdir -p "$work"

if [ ! -x "$work/dockerfilelint/node_modules/.bin/dockerfilelint" ]; then
  echo "installing dockerfilelint 1.8.0 into $work/dockerfilelint" >&2
  mkdir -p "$work/dockerfilelint"
  (cd "$work/dockerfilelint" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund --silent dockerfilelint@1.8.0 >/dev/null)
fi
dockerfilelint="$work/dockerfilelint/node_modules/.bin/dockerfilelint"

rid="linux-x64"
case "$(uname -m)" in aarch64|arm64) rid="linux-arm64" ;; esac
echo "publishing pipelineguard (native and portable, $rid)" >&2
dotnet publish "$root/src/PipelineGuard.Cli" -c Release -r "$rid" -o "$work/native" -v quiet -nologo >/dev/null
dotnet publish "$root/src/PipelineGuard.Cli" -c Release -p:PublishAot=false -o "$work/portable" -v quiet -nologo >/dev/null

mapfile -t files < <(find "$corpus" -type f -name '*.Dockerfile' | sort)
echo "${#files[@]} Dockerfiles, $(cat "${files[@]}" | wc -l) lines" >&2

# Both tools lint the same files in one process each; exit codes are ignored (findings make both exit non-zero).
pg_native=("$work/native/pipelineguard" lint -f json --no-fail "${files[@]}")
pg_portable=("$work/portable/pipelineguard" lint -f json --no-fail "${files[@]}")
dfl=("$dockerfilelint" -o json "${files[@]}")

median_ms() {
  local -a times=()
  local i start end
  "$@" >/dev/null 2>&1 || true
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

if command -v hyperfine >/dev/null 2>&1; then
  printf -v a '%q ' "${pg_native[@]}"; printf -v b '%q ' "${pg_portable[@]}"; printf -v c '%q ' "${dfl[@]}"
  hyperfine --warmup 1 --runs "$runs" -i -N -n "pipelineguard (native)" "$a" -n "pipelineguard (portable)" "$b" -n "dockerfilelint 1.8.0" "$c"
else
  native=$(median_ms "${pg_native[@]}")
  portable=$(median_ms "${pg_portable[@]}")
  other=$(median_ms "${dfl[@]}")
  printf '%-30s %8s ms\n' "pipelineguard (native)" "$native" "pipelineguard (portable)" "$portable" "dockerfilelint 1.8.0" "$other"
  awk -v a="$native" -v b="$other" 'BEGIN { printf "ratio pipelineguard (native) / dockerfilelint: %.2f\n", a / b }'
fi
