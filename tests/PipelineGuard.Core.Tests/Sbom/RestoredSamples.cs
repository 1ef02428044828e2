using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>A sample project restored for real (against the normal package source), once per test class.</summary>
public abstract class RestoredSample : IAsyncLifetime
{
    public SampleProject Project { get; private set; } = null!;

    public string AssetsFile => Path.Combine(Project.Directory, "obj", "project.assets.json");

    protected abstract string Name { get; }

    protected abstract string ProjectXml { get; }

    public async Task InitializeAsync()
    {
        // The samples' nuget.config lists the packed PipelineGuard packages as a source; an empty folder will do here.
        Directory.CreateDirectory(RepositoryPaths.Packages);
        Project = SampleProject.Create(Name, ProjectXml);
        var restore = await Project.DotNetAsync("restore");
        Assert.True(restore.ExitCode == 0, restore.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>The sample: 15 top-level packages, about 200 resolved.</summary>
public sealed class FifteenPackageSample : RestoredSample
{
    public static readonly (string Id, string Version)[] TopLevel =
    [
        ("Serilog.AspNetCore", "10.0.0"), ("Polly", "8.9.1"), ("NuGet.Protocol", "8.0.0"), ("Azure.Security.KeyVault.Secrets", "4.12.0"),
        ("Microsoft.Extensions.Http.Resilience", "10.11.0"), ("Testcontainers", "4.16.0"), ("WireMock.Net", "1.25.0"), ("Google.Protobuf", "3.36.2"),
        ("YamlDotNet", "18.1.0"), ("Spectre.Console.Cli", "0.57.2"), ("BenchmarkDotNet", "0.15.8"), ("NJsonSchema", "11.6.2"),
        ("BouncyCastle.Cryptography", "2.7.0"), ("Docker.DotNet", "3.125.15"), ("SharpCompress", "0.50.8"),
    ];

    protected override string Name => "SbomSample";

    protected override string ProjectXml => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <PackageId>Sample.Service</PackageId>
            <Version>1.2.3</Version>
            <Authors>Jane Doe, Sample Corp</Authors>
            <RepositoryUrl>https://example.com/sample/service.git</RepositoryUrl>
            <RepositoryCommit>0123456789abcdef0123456789abcdef01234567</RepositoryCommit>
          </PropertyGroup>
          <ItemGroup>
        {string.Join("\n", TopLevel.Select(p => $"    <PackageReference Include=\"{p.Id}\" Version=\"{p.Version}\" />"))}
          </ItemGroup>
        </Project>
        """;
}

/// <summary>net8.0;net10.0 with different dependencies per framework and a development-only package.</summary>
public sealed class MultiTargetSample : RestoredSample
{
    protected override string Name => "SbomMulti";

    protected override string ProjectXml => """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
            <PackageId>Multi.Lib</PackageId>
            <Version>2.0.0</Version>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="10.0.0" />
            <PackageReference Include="Microsoft.SourceLink.GitHub" Version="8.0.0" PrivateAssets="all" />
          </ItemGroup>
          <ItemGroup Condition="'$(TargetFramework)' == 'net8.0'">
            <PackageReference Include="Serilog" Version="4.0.0" />
          </ItemGroup>
          <ItemGroup Condition="'$(TargetFramework)' == 'net10.0'">
            <PackageReference Include="Polly" Version="8.9.1" />
          </ItemGroup>
        </Project>
        """;
}

/// <summary>A native AOT app with one package, restored for the runtimes <paramref name="runtimeProperty"/> names.</summary>
public abstract class AotAppSample(string name, string runtimeProperty, string packageId) : RestoredSample
{
    protected override string Name => name;

    protected override string ProjectXml => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            {runtimeProperty}
            <PublishAot>true</PublishAot>
            <PackageId>{packageId}</PackageId>
            <Version>1.0.0</Version>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Serilog" Version="4.0.0" />
          </ItemGroup>
        </Project>
        """;
}

/// <summary>
/// A RID-specific build (RuntimeIdentifier linux-x64, native AOT): restore writes a net10.0/linux-x64 graph in which the
/// ILCompiler package depends on its linux-x64 package through runtime.json, an edge the RID-less graph lacks.
/// </summary>
public sealed class SingleRuntimeSample() : AotAppSample("SbomRid", "<RuntimeIdentifier>linux-x64</RuntimeIdentifier>", "Rid.App");

/// <summary>The same app restored for two RIDs (RuntimeIdentifiers): no one RID graph is what the build deploys.</summary>
public sealed class SeveralRuntimesSample() : AotAppSample("SbomRids", "<RuntimeIdentifiers>linux-x64;linux-arm64</RuntimeIdentifiers>", "Rids.App");
