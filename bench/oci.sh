#!/usr/bin/env bash
# Whole-process figures for the image cataloguer, side by side with the shell baseline:
#   1. builds (once) an OCI layout of about 1.2 GiB uncompressed from this machine's own files:
#      layer 1 = etc/os-release + var/lib/dpkg (the real package database), layer 2 = usr/lib/x86_64-linux-gnu,
#      layer 3 = usr/share/doc; gzip -6 as image builders use;
#   2. times `gzip -dc LAYER | tar -t > /dev/null` over every layer against
#      `pipelineguard sbom --image oci:DIR` (which also verifies every digest and catalogues) with hyperfine;
#   3. reports the cataloguer's peak resident memory (GNU time, %M).
# Usage: bench/oci.sh [WORK_DIR]   (default artifacts/bench/oci)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$ROOT/artifacts/bench/oci}
LAYOUT=$WORK/layout
RUNS=${RUNS:-5}
mkdir -p "$WORK"

blob() { # FILE -> moves it into the layout, prints "digest size"
  local hex size
  hex=$(sha256sum "$1" | cut -d' ' -f1)
  size=$(stat -c %s "$1")
  mv "$1" "$LAYOUT/blobs/sha256/$hex"
  echo "sha256:$hex $size"
}

if [ ! -f "$LAYOUT/index.json" ]; then
  echo "building the test image in $LAYOUT ..."
  rm -rf "$LAYOUT"; mkdir -p "$LAYOUT/blobs/sha256"
  layers=(); diffs=()
  i=0
  for spec in "etc/os-release var/lib/dpkg" "usr/lib/x86_64-linux-gnu" "usr/share/doc"; do
    i=$((i+1))
    # shellcheck disable=SC2086
    tar -C / --warning=no-file-changed -cf "$WORK/layer$i.tar" $spec 2>/dev/null || true
    diffs+=("sha256:$(sha256sum "$WORK/layer$i.tar" | cut -d' ' -f1)")
    gzip -6 -n -f "$WORK/layer$i.tar"
    read -r d s < <(blob "$WORK/layer$i.tar.gz")
    layers+=("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$d\",\"size\":$s}")
  done
  diff_json=$(printf '"%s",' "${diffs[@]}"); diff_json="[${diff_json%,}]"
  printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":%s}}' "$diff_json" > "$WORK/config.json"
  read -r cd cs < <(blob "$WORK/config.json")
  layer_json=$(IFS=,; echo "[${layers[*]}]")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":%s}' "$cd" "$cs" "$layer_json" > "$WORK/manifest.json"
  read -r md ms < <(blob "$WORK/manifest.json")
  printf '{"imageLayoutVersion":"1.0.0"}' > "$LAYOUT/oci-layout"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bench"}}]}' "$md" "$ms" > "$LAYOUT/index.json"
fi

dotnet build "$ROOT/src/PipelineGuard.Cli" -c Release -f net10.0 -v q -nologo > /dev/null
TOOL="$ROOT/src/PipelineGuard.Cli/bin/Release/net10.0/pipelineguard.dll"
LAYERS=$(python3 -c 'import json,sys;m=json.load(open(sys.argv[1]));print(" ".join(l["digest"][7:] for l in m["layers"]))' \
  "$LAYOUT/blobs/sha256/$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["manifests"][0]["digest"][7:])' "$LAYOUT/index.json")")
compressed=0; uncompressed=0
for l in $LAYERS; do
  compressed=$((compressed + $(stat -c %s "$LAYOUT/blobs/sha256/$l")))
  uncompressed=$((uncompressed + $(gzip -dc "$LAYOUT/blobs/sha256/$l" | wc -c)))
done
echo "image: $((compressed / 1048576)) MiB compressed, $((uncompressed / 1048576)) MiB uncompressed, layers: $(echo "$LAYERS" | wc -w)"

BASELINE="for l in $LAYERS; do gzip -dc $LAYOUT/blobs/sha256/\$l | tar -t > /dev/null; done"
OURS="dotnet $TOOL sbom --image oci:$LAYOUT:bench > /dev/null"
hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/hyperfine.json" -n "gzip -dc | tar -t" "$BASELINE" -n "pipelineguard sbom --image" "$OURS"
python3 - "$WORK/hyperfine.json" "$uncompressed" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
size = int(sys.argv[2]) / 1048576
base, ours = r["gzip -dc | tar -t"]["median"], r["pipelineguard sbom --image"]["median"]
print(f"median: baseline {base:.2f} s ({size/base:.0f} MiB/s), pipelineguard {ours:.2f} s ({size/ours:.0f} MiB/s), ratio {base/ours:.2f} (>= 0.80 required)")
PY
/usr/bin/time -f "peak resident memory: %M KiB (%e s)" dotnet "$TOOL" sbom --image "oci:$LAYOUT:bench" 2>&1 > "$WORK/bench.cdx.json" | tail -1
python3 -c 'import json,sys;d=json.load(open(sys.argv[1]));print("components:", len(d.get("components",[])))' "$WORK/bench.cdx.json"
