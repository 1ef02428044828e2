#!/usr/bin/env bash
# Whole-process timings of `dotnet build` for a console app with about 200 packages in its restore graph, side by
# side without and with the freshly packed PipelineGuard.MSBuild (./build.sh --target=Pack first).
#   full build: bin/ and obj/<Configuration>/ removed before each run (restore kept, as in CI after restore)
#   no-op build: nothing changed since the last build
# Usage: bench/msbuild.sh [runs]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
work="$root/artifacts/bench/msbuild"
packages="$root/artifacts/packages"
nupkg=$(ls -t "$packages"/PipelineGuard.MSBuild.*.nupkg 2>/dev/null | head -n1 || true)
[ -n "$nupkg" ] || { echo "No PipelineGuard.MSBuild package in $packages: run ./build.sh --target=Pack" >&2; exit 2; }
version=$(basename "$nupkg" .nupkg); version=${version#PipelineGuard.MSBuild.}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NUGET_PACKAGES="$work/nuget-packages"
# The packages that make the restore graph big: hosting, EF Core with SQL Server, cloud SDKs, gRPC, logging.
references='
    <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.0" />
    <PackageReference Include="Microsoft.EntityFrameworkCore.SqlServer" Version="10.0.0" />
    <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="10.0.0" />
    <PackageReference Include="Azure.Storage.Blobs" Version="12.30.1" />
    <PackageReference Include="AWSSDK.S3" Version="4.1.0" />
    <PackageReference Include="Grpc.Net.Client" Version="2.85.0" />
    <PackageReference Include="Google.Protobuf" Version="3.36.2" />
    <PackageReference Include="Serilog.Extensions.Hosting" Version="10.0.0" />
    <PackageReference Include="Serilog.Sinks.Console" Version="6.1.1" />
    <PackageReference Include="OpenTelemetry.Extensions.Hosting" Version="1.20.1" />
    <PackageReference Include="MongoDB.Driver" Version="3.14.0" />
    <PackageReference Include="StackExchange.Redis" Version="3.4.35" />
    <PackageReference Include="Npgsql" Version="10.0.3" />
    <PackageReference Include="MassTransit" Version="8.5.12" />
    <PackageReference Include="Quartz" Version="4.7.3" />
    <PackageReference Include="Polly" Version="8.9.1" />
    <PackageReference Include="Newtonsoft.Json" Version="13.0.4" />
    <PackageReference Include="NLog" Version="6.2.2" />
    <PackageReference Include="Dapper" Version="2.1.86" />
    <PackageReference Include="NodaTime" Version="3.3.7" />
    <PackageReference Include="CsvHelper" Version="34.0.0" />
    <PackageReference Include="System.Reactive" Version="7.0.0" />
    <PackageReference Include="FluentValidation" Version="12.2.0" />
    <PackageReference Include="Humanizer.Core" Version="3.0.10" />'

make_project() { # name, extra references
    local dir="$work/$1"
    rm -rf "$dir" && mkdir -p "$dir"
    cat > "$dir/Bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>$references
    $2
  </ItemGroup>
</Project>
XML
    echo 'Console.WriteLine("bench");' > "$dir/Program.cs"
    printf '<Project />\n' > "$dir/Directory.Build.props"
    printf '<Project />\n' > "$dir/Directory.Build.targets"
    printf '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n' > "$dir/Directory.Packages.props"
    cat > "$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="pipelineguard-local" value="$packages" />
  </packageSources>
</configuration>
XML
    (cd "$dir" && dotnet restore -nologo -v:q >/dev/null)
}

mkdir -p "$work"
make_project without ""
make_project with "<PackageReference Include=\"PipelineGuard.MSBuild\" Version=\"$version\" PrivateAssets=\"all\" />"
count=$(grep -c '"type": "package"' "$work/with/obj/project.assets.json" || true)
echo "PipelineGuard.MSBuild $version; restore graph: $count packages; $runs runs each; $(nproc) cores"

build() { (cd "$work/$1" && dotnet build --no-restore -nologo -v:q >/dev/null); }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Warm both once so that compiler servers and build nodes are up for either side alike.
build without; build with

# Runs alternate (without, with, without, with...) so that load from anything else on the machine falls on both sides
# alike; the medians are compared.
: > "$work/full.tsv"; : > "$work/noop.tsv"
for ((i = 1; i <= runs; i++)); do
    for side in without with; do
        rm -rf "${work:?}/$side/bin" "${work:?}/$side/obj/Debug"
        start=$(now_ms); build "$side"; echo -e "$side\t$(( $(now_ms) - start ))" >> "$work/full.tsv"
    done
done
for ((i = 1; i <= runs; i++)); do
    for side in without with; do
        start=$(now_ms); build "$side"; echo -e "$side\t$(( $(now_ms) - start ))" >> "$work/noop.tsv"
    done
done

python3 - "$work/full.tsv" "$work/noop.tsv" <<'PY'
import statistics, sys
def medians(path):
    rows = [line.split("\t") for line in open(path) if line.strip()]
    side = lambda name: statistics.median(int(ms) for s, ms in rows if s == name)
    return side("without"), side("with")
(fw, fp), (nw, np_) = medians(sys.argv[1]), medians(sys.argv[2])
print(f"{'median of runs':16}{'without':>10}{'with':>10}{'added':>18}")
print(f"{'full build':16}{fw:>8.0f}ms{fp:>8.0f}ms{fp-fw:>+10.0f}ms ({(fp/fw-1)*100:+.1f}%)")
print(f"{'no-op build':16}{nw:>8.0f}ms{np_:>8.0f}ms{np_-nw:>+10.0f}ms ({(np_/nw-1)*100:+.1f}%)")
print("targets: at most +5% full build, at most +20 ms no-op build")
PY

# MSBuild's own account of the PipelineGuard targets, which load on the machine distorts less than wall-clock medians.
for kind in full no-op; do
    [ "$kind" = full ] && rm -rf "${work:?}/with/bin" "${work:?}/with/obj/Debug"
    summary=$(cd "$work/with" && dotnet build --no-restore -nologo -v:q -clp:PerformanceSummary)
    echo "$kind build with PipelineGuard, MSBuild performance summary:"
    echo "$summary" | grep -E 'PipelineGuard[A-Za-z]+ |GenerateSbom |LintDockerfiles |Time Elapsed' | sed 's/^ */  /'
done
