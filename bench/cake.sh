#!/usr/bin/env bash
# Whole-process timings of what Cake.PipelineGuard adds to a Cake build, side by side:
#   empty:  `dotnet cake` of a script that only loads the addin (Cake's own start-up, script compilation, addin load)
#   addin:  the same script making the SBOMs of the four packages, linting the samples, signing and verifying the packages
#   cli:    the same work as separate `pipelineguard` processes (sbom, lint, sign-blob, verify-blob)
# The addin is installed into the bench folder once before timing (warm, as on a CI agent with a tools cache).
# Usage: bench/cake.sh [runs]   (after ./build.sh --target=Pack; needs hyperfine: apt-get install hyperfine)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
work="$root/artifacts/bench/cake"
packages="$root/artifacts/packages"
tool="$root/src/PipelineGuard.Cli/bin/Release/net10.0/pipelineguard.dll"
command -v hyperfine >/dev/null || { echo "hyperfine is not installed: apt-get install hyperfine" >&2; exit 2; }
ls "$packages"/Cake.PipelineGuard.*.nupkg >/dev/null 2>&1 || { echo "No Cake.PipelineGuard package in $packages: run ./build.sh --target=Pack" >&2; exit 2; }
[ -f "$tool" ] || { echo "No $tool: run ./build.sh --target=Pack" >&2; exit 2; }

rm -rf "$work"; mkdir -p "$work/out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1 NUGET_PACKAGES="$work/nuget-packages"
export PIPELINEGUARD_PASSWORD=bench-password
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="pipelineguard-local" value="$packages" /></packageSources></configuration>
XML
dotnet "$tool" generate-key-pair --output-key-prefix "$work/bench" >/dev/null 2>&1
projects="PipelineGuard.Core PipelineGuard.Cli PipelineGuard.MSBuild Cake.PipelineGuard"

printf '#addin nuget:?package=Cake.PipelineGuard&loaddependencies=true\nInformation(PipelineGuardVersion());\n' > "$work/empty.cake"
{
  printf '#addin nuget:?package=Cake.PipelineGuard&loaddependencies=true\n'
  for p in $projects; do
    printf 'PipelineGuardSbom("%s/src/%s/%s.csproj", new PipelineGuardSbomSettings().WithOutputFile("%s/out/%s.cdx.json"));\n' "$root" "$p" "$p" "$work" "$p"
  done
  printf 'PipelineGuardLint(new Cake.Core.IO.Path[] { Directory("%s/samples") }, new PipelineGuardLintSettings().WithFailureThreshold(LintSeverity.Error));\n' "$root"
  printf 'foreach (var f in GetFiles("%s/*.nupkg")) { PipelineGuardSignBlob(f, new PipelineGuardSignBlobSettings().WithKey("%s/bench.key").WithBundle($"%s/out/{f.GetFilename()}.sigstore.json")); PipelineGuardVerifyBlob(f, new PipelineGuardVerifyBlobSettings().WithKey("%s/bench.pub").WithBundle($"%s/out/{f.GetFilename()}.sigstore.json")); }\n' "$packages" "$work" "$work" "$work" "$work"
} > "$work/addin.cake"
{
  echo 'set -e'
  for p in $projects; do echo "dotnet '$tool' sbom '$root/src/$p/$p.csproj' -o '$work/out/$p.cli.cdx.json' 2>/dev/null"; done
  echo "dotnet '$tool' lint -t error '$root/samples' >/dev/null"
  echo "for f in '$packages'/*.nupkg; do b='$work/out/'\$(basename \"\$f\").cli.sigstore.json; dotnet '$tool' sign-blob \"\$f\" --key '$work/bench.key' --bundle \"\$b\" >/dev/null 2>&1; dotnet '$tool' verify-blob \"\$f\" --key '$work/bench.pub' --bundle \"\$b\" 2>/dev/null; done"
} > "$work/cli.sh"

cd "$work"
# Install the addin once, so the timings do not include downloading it.
dotnet cake empty.cake --settings_skippackageversioncheck=true >/dev/null
hyperfine --runs "$runs" --warmup 1 --export-markdown "$work/results.md" \
  -n empty "dotnet cake empty.cake --settings_skippackageversioncheck=true" \
  -n addin "dotnet cake addin.cake --settings_skippackageversioncheck=true" \
  -n cli "bash cli.sh"
cat "$work/results.md"
