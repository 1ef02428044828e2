#!/usr/bin/env bash
# Declares every public symbol of PipelineGuard.Core that PublicAPI.*.txt does not list yet: it builds Core, takes
# the symbols the Public API analyzer reports as undeclared (RS0016, in the analyzer's own notation), adds them to
# PublicAPI.Unshipped.txt and builds again to check. Run it after adding public API on purpose, read the diff, and
# commit it with the change. Removed or changed symbols (RS0017) are fixed by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
project=src/PipelineGuard.Core/PipelineGuard.Core.csproj
file=src/PipelineGuard.Core/PublicAPI.Unshipped.txt
log=$(mktemp)
trap 'rm -f "$log" "$file.tmp"' EXIT
dotnet build "$project" -v quiet -clp:NoSummary > "$log" 2>&1 || true
grep -o "RS0016: Symbol '.*' is not part of the declared public API" "$log" \
  | sed -e "s/^RS0016: Symbol '//" -e "s/' is not part of the declared public API$//" >> "$file" || true
# Keep the file sorted and free of duplicates (each symbol is reported once per target framework).
{ head -n 1 "$file"; tail -n +2 "$file" | LC_ALL=C sort -u; } > "$file.tmp" && mv "$file.tmp" "$file"
dotnet build "$project" -v quiet -clp:NoSummary
