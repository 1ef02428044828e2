#!/usr/bin/env bash
# Whole-process SBOM timings, side by side in one run: `pipelineguard sbom` against the CycloneDX .NET tool
# (dotnet-CycloneDX 6.3.1, `<proj> -dpr -F Json`), on the issue's 15-top-level-package sample (~200 resolved),
# restored once beforehand so neither tool restores. Then the in-process figures with BenchmarkDotNet.
#   bench/sbom.sh              whole-process comparison (hyperfine when installed, else repeated /usr/bin/time)
#   bench/sbom.sh --in-process also the BenchmarkDotNet run (assets reader vs NuGet.ProjectModel, SBOM step)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/artifacts/bench/sbom"
runs="${RUNS:-10}"
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
export NUGET_PACKAGES="$work/packages"

# 1. The sample project, restored once.
sample="$work/sample"
mkdir -p "$sample"
cat > "$sample/Sample.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <PackageId>Sample.Service</PackageId>
    <Version>1.2.3</Version>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Serilog.AspNetCore" Version="10.0.0" />
    <PackageReference Include="Polly" Version="8.9.1" />
    <PackageReference Include="NuGet.Protocol" Version="8.0.0" />
    <PackageReference Include="Azure.Security.KeyVault.Secrets" Version="4.12.0" />
    <PackageReference Include="Microsoft.Extensions.Http.Resilience" Version="10.11.0" />
    <PackageReference Include="Testcontainers" Version="4.16.0" />
    <PackageReference Include="WireMock.Net" Version="1.25.0" />
    <PackageReference Include="Google.Protobuf" Version="3.36.2" />
    <PackageReference Include="YamlDotNet" Version="18.1.0" />
    <PackageReference Include="Spectre.Console.Cli" Version="0.57.2" />
    <PackageReference Include="BenchmarkDotNet" Version="0.15.8" />
    <PackageReference Include="NJsonSchema" Version="11.6.2" />
    <PackageReference Include="BouncyCastle.Cryptography" Version="2.7.0" />
    <PackageReference Include="Docker.DotNet" Version="3.125.15" />
    <PackageReference Include="SharpCompress" Version="0.50.8" />
  </ItemGroup>
</Project>
XML
echo '<Project />' > "$sample/Directory.Build.props"
echo '<Project />' > "$sample/Directory.Build.targets"
echo '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>' > "$sample/Directory.Packages.props"
if [ ! -f "$sample/obj/project.assets.json" ]; then
  dotnet restore "$sample/Sample.csproj" > "$work/restore.log"
fi

# 2. The tools: pipelineguard as its two tool packages ship it (native linux-x64, and the portable JIT fallback), and
# the peer tool as a local tool.
pg_native="$work/pipelineguard-native"
pg_portable="$work/pipelineguard-portable"
dotnet publish "$root/src/PipelineGuard.Cli" -c Release -r linux-x64 -o "$pg_native" > "$work/publish-native.log"
dotnet publish "$root/src/PipelineGuard.Cli" -c Release -p:PublishAot=false -o "$pg_portable" > "$work/publish-portable.log"
if [ ! -x "$work/tools/dotnet-CycloneDX" ]; then
  dotnet tool install --tool-path "$work/tools" CycloneDX --version 6.3.1 > "$work/tool-install.log"
fi

pg1="$pg_native/pipelineguard sbom $sample/Sample.csproj -o $work/pg-native.cdx.json"
pg2="$pg_portable/pipelineguard sbom $sample/Sample.csproj -o $work/pg-portable.cdx.json"
cdx="$work/tools/dotnet-CycloneDX $sample/Sample.csproj -dpr -F Json -o $work/cdx"

echo "== whole process, $runs runs each, $(nproc) cores, $(date -u +%F)"
if command -v hyperfine > /dev/null; then
  hyperfine --warmup 2 --runs "$runs" -N --export-markdown "$work/hyperfine.md" \
    -n "pipelineguard sbom (native)" "$pg1" -n "pipelineguard sbom (portable)" "$pg2" -n "dotnet-CycloneDX 6.3.1 -dpr" "$cdx"
fi

peak() { # median peak RSS in MiB over $runs runs
  for _ in $(seq "$runs"); do /usr/bin/time -f '%M' "$@" 2>&1 > /dev/null | tail -1; done | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1024}'
}
printf '%-36s %10s\n' "tool" "peak MiB"
# shellcheck disable=SC2086
printf '%-36s %10s\n' "pipelineguard sbom (native)" "$(peak $pg1)"
# shellcheck disable=SC2086
printf '%-36s %10s\n' "pipelineguard sbom (portable)" "$(peak $pg2)"
# shellcheck disable=SC2086
printf '%-36s %10s\n' "dotnet-CycloneDX 6.3.1 -dpr" "$(peak $cdx)"

if [ "${1:-}" = "--in-process" ]; then
  export PIPELINEGUARD_SBOM_ASSETS="$sample/obj/project.assets.json"
  (cd "$root" && dotnet run -c Release --project bench/PipelineGuard.Benchmarks -- sbom-step "$PIPELINEGUARD_SBOM_ASSETS")
  (cd "$root" && dotnet run -c Release --project bench/PipelineGuard.Benchmarks -- --filter '*SbomBenchmarks*' --inProcess)
fi
