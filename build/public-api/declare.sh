#!/usr/bin/env bash
# Declares every public symbol of PipelineGuard.Core that PublicAPI.*.txt does not list yet, by applying the
# Public API analyzer's own fix (RS0016) to PublicAPI.Unshipped.txt. Run it after adding public API on purpose,
# read the diff, and commit it with the change. Removed or changed symbols (RS0017) are fixed by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
project=src/PipelineGuard.Core/PipelineGuard.Core.csproj
dotnet restore "$project" >/dev/null
dotnet format analyzers "$project" --diagnostics RS0016 --severity warn --no-restore
# The fix appends in the order it finds symbols; keep the file sorted so diffs stay small.
file=src/PipelineGuard.Core/PublicAPI.Unshipped.txt
{ head -n 1 "$file"; tail -n +2 "$file" | LC_ALL=C sort -u; } > "$file.tmp" && mv "$file.tmp" "$file"
dotnet build "$project" --no-restore -v quiet
