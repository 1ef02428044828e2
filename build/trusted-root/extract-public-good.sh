#!/usr/bin/env bash
# Extracts Sigstore's public-good trusted_root.json from the pinned npm package @sigstore/tuf (its seeds.json carries
# the TUF repository's targets, base64) and checks it against the SHA-256 recorded here.
# Usage: build/trusted-root/extract-public-good.sh [--update]
#   (run `npm ci --no-audit --no-fund` in tests/interop first; --update accepts a new root after a version bump)
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
seeds="$repo/tests/interop/node_modules/@sigstore/tuf/seeds.json"
package_json="$repo/tests/interop/node_modules/@sigstore/tuf/package.json"
target="$repo/src/PipelineGuard.Core/Signing/Keyless/Resources/public-good.trusted_root.json"
expected_file="$repo/build/trusted-root/public-good.sha256"

if [[ ! -f "$seeds" ]]; then
  echo "error: $seeds not found; run 'npm ci --no-audit --no-fund' in tests/interop" >&2
  exit 2
fi

version="$(node -p "require('$package_json').version")"
node -e '
  const seeds = require(process.argv[1]);
  const repo = seeds["https://tuf-repo-cdn.sigstore.dev"];
  if (!repo || !repo.targets || !repo.targets["trusted_root.json"]) {
    console.error("error: seeds.json has no targets[\"trusted_root.json\"] for https://tuf-repo-cdn.sigstore.dev");
    process.exit(1);
  }
  require("fs").writeFileSync(process.argv[2], Buffer.from(repo.targets["trusted_root.json"], "base64"));
' "$seeds" "$target.tmp"

actual="$(sha256sum "$target.tmp" | cut -d' ' -f1)"
expected="$(cut -d' ' -f1 "$expected_file")"
if [[ "${1:-}" == "--update" ]]; then
  echo "$actual  @sigstore/tuf@$version" > "$expected_file"
  mv "$target.tmp" "$target"
  echo "public-good trusted root from @sigstore/tuf@$version: sha256 $actual (recorded)"
  exit 0
fi

if [[ "$actual" != "$expected" ]]; then
  rm -f "$target.tmp"
  echo "error: trusted_root.json from @sigstore/tuf@$version has sha256 $actual, expected $expected (rerun with --update after reviewing the change)" >&2
  exit 1
fi

mv "$target.tmp" "$target"
echo "public-good trusted root from @sigstore/tuf@$version: sha256 $actual (matches)"
