#!/usr/bin/env bash
# Whole-process timings of `dotnet build` for a console app with about 200 packages in its restore graph, side by
# side without and with the freshly packed PipelineGuard.MSBuild (./build.sh --target=Pack first).
#   full build: bin/ and obj/<Configuration>/ removed before each run (restore kept, as in CI after restore)
#   no-op build: nothing changed since the last build
# Usage: bench/msbuild.sh [runs]   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
work="$root/artifacts/bench/msbuild"
packages="$root/artifacts/packages"
command -v hyperfine >/dev/null || { echo "hyperfine is not installed: apt-get install hyperfine" >&2; exit 2; }
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

build() { echo "dotnet build --no-restore -nologo -v:q $work/$1/Bench.csproj"; }
# Warm both once so that compiler servers and build nodes are up for either side alike.
for side in without with; do (cd "$work/$side" && dotnet build --no-restore -nologo -v:q >/dev/null); done

hyperfine --style basic --warmup 1 --runs "$runs" \
    --prepare "rm -rf $work/without/bin $work/without/obj/Debug" -n "full build, without" "$(build without)" \
    --prepare "rm -rf $work/with/bin $work/with/obj/Debug" -n "full build, with PipelineGuard" "$(build with)" \
    --export-json "$work/full.json"
hyperfine --style basic --warmup 2 --runs "$runs" \
    -n "no-op build, without" "$(build without)" \
    -n "no-op build, with PipelineGuard" "$(build with)" \
    --export-json "$work/noop.json"

python3 - "$work/full.json" "$work/noop.json" <<'PY'
import json, sys
def medians(path):
    results = json.load(open(path))["results"]
    return results[0]["median"], results[1]["median"]
(fw, fp), (nw, np_) = medians(sys.argv[1]), medians(sys.argv[2])
print(f"{'':14}{'without':>12}{'with':>12}{'added':>14}")
print(f"{'full build':14}{fw*1000:>10.0f}ms{fp*1000:>10.0f}ms{(fp-fw)*1000:>+10.0f}ms ({(fp/fw-1)*100:+.1f}%)")
print(f"{'no-op build':14}{nw*1000:>10.0f}ms{np_*1000:>10.0f}ms{(np_-nw)*1000:>+10.0f}ms ({(np_/nw-1)*100:+.1f}%)")
print("targets: at most +5% full build, at most +20 ms no-op build (medians)")
PY
