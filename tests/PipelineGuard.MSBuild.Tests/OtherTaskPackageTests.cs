using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>
/// Another task package in the same build, whose task assembly ships an older YamlDotNet (13.x; Core uses 18.x), runs
/// first and loads its copy; PipelineGuard's lint and gate, which read YAML (.hadolint.yaml, the policy) with Core's
/// YamlDotNet, still run in the same MSBuild process.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class OtherTaskPackageTests
{
    private const string OtherPackage = "OtherYamlTasks";

    [Fact]
    public async Task A_task_package_with_another_YamlDotNet_and_PipelineGuard_both_run_in_one_build()
    {
        var feed = await PackOtherTaskPackageAsync();
        var project = GateTests.GateProject("BothTaskPackages", "keys/demo.pub");
        var projectXml = File.ReadAllText(project.ProjectFile).Replace(
            "<PackageReference Include=\"PipelineGuard.MSBuild\"",
            $"<PackageReference Include=\"{OtherPackage}\" Version=\"1.0.0\" PrivateAssets=\"all\" />\n    <PackageReference Include=\"PipelineGuard.MSBuild\"",
            StringComparison.Ordinal);
        project.WriteFile(Path.GetFileName(project.ProjectFile), projectXml);
        var config = File.ReadAllText(Path.Combine(project.Directory, "nuget.config"))
            .Replace("</packageSources>", $"  <add key=\"other-tasks\" value=\"{feed}\" />\n  </packageSources>", StringComparison.Ordinal);
        project.WriteFile("nuget.config", config);
        project.WriteFile("settings.yaml", "name: both\nkind: test\n");
        project.WriteFile(".hadolint.yaml", "ignored:\n  - DL3008\n");

        // -m:1 keeps every task in one MSBuild process, where two YamlDotNet versions would clash if they could.
        var build = await project.SucceedsAsync("build", "-nologo", "-m:1");

        var other = build.StandardOutput.IndexOf($"{OtherPackage}: YamlDotNet 13.", StringComparison.Ordinal);
        var lint = build.StandardOutput.IndexOf("linted 1 Dockerfile(s) of BothTaskPackages", StringComparison.Ordinal);
        var gate = build.StandardOutput.IndexOf("pipelineguard gate: PASSED (", StringComparison.Ordinal);
        Assert.True(other >= 0, build.ToString());
        Assert.Contains("read 2 key(s) from settings.yaml", build.StandardOutput, StringComparison.Ordinal);
        Assert.True(lint > other, build.ToString());
        Assert.True(gate > other, build.ToString());
    }

    /// <summary>Packs a tiny task package (a task that reads YAML with YamlDotNet 13.7.1) with <c>dotnet pack</c>; returns its feed folder.</summary>
    private static async Task<string> PackOtherTaskPackageAsync()
    {
        // The private package folder must not serve a copy packed by an earlier run.
        var cached = Path.Combine(SampleProject.PackagesFolder, OtherPackage.ToLowerInvariant());
        if (Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }

        var projectXml = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <PackageId>{OtherPackage}</PackageId>
                <Version>1.0.0</Version>
                <Authors>tests</Authors>
                <Description>A task package for the assembly-loading test.</Description>
                <DevelopmentDependency>true</DevelopmentDependency>
                <IncludeBuildOutput>false</IncludeBuildOutput>
                <SuppressDependenciesWhenPacking>true</SuppressDependenciesWhenPacking>
                <CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies>
                <NoWarn>$(NoWarn);NU5100;NU5128</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.Build.Utilities.Core" Version="17.8.43" ExcludeAssets="runtime" PrivateAssets="all" />
                <PackageReference Include="YamlDotNet" Version="13.7.1" PrivateAssets="all" />
                <None Include="build/{OtherPackage}.targets" Pack="true" PackagePath="build/" />
                <None Include="$(OutputPath){OtherPackage}.dll;$(OutputPath)YamlDotNet.dll" Pack="true" PackagePath="tasks/" />
              </ItemGroup>
            </Project>
            """;
        var task = $$"""
            using Microsoft.Build.Framework;
            using YamlDotNet.RepresentationModel;

            namespace {{OtherPackage}};

            public sealed class ReadYaml : Microsoft.Build.Utilities.Task
            {
                [Required]
                public string File { get; set; } = "";

                public override bool Execute()
                {
                    var stream = new YamlStream();
                    stream.Load(new StringReader(System.IO.File.ReadAllText(File)));
                    var root = (YamlMappingNode)stream.Documents[0].RootNode;
                    Log.LogMessage(MessageImportance.High, $"{{OtherPackage}}: YamlDotNet {typeof(YamlStream).Assembly.GetName().Version} read {root.Children.Count} key(s) from {Path.GetFileName(File)}");
                    return true;
                }
            }
            """;
        var targets = $"""
            <Project>
              <UsingTask TaskName="{OtherPackage}.ReadYaml" AssemblyFile="$(MSBuildThisFileDirectory)../tasks/{OtherPackage}.dll" />
              <Target Name="{OtherPackage}Read" BeforeTargets="BeforeBuild" Condition="Exists('$(MSBuildProjectDirectory)/settings.yaml')">
                <ReadYaml File="$(MSBuildProjectDirectory)/settings.yaml" />
              </Target>
            </Project>
            """;
        var package = SampleProject.Create(OtherPackage, projectXml, new Dictionary<string, string>
        {
            ["ReadYaml.cs"] = task,
            [$"build/{OtherPackage}.targets"] = targets,
        });
        var feed = Path.Combine(package.Directory, "feed");
        await package.SucceedsAsync("pack", "-nologo", "-c", "Release", "-p:OutputPath=bin/Release/net8.0/", "-o", feed);
        Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        return feed;
    }
}
