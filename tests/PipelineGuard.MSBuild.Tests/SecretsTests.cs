using PipelineGuard.Testing;
using PipelineGuard.Testing.Secrets;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>
/// Secrets in what pack and publish produce, in a real build: an <c>appsettings.Development.json</c> with a connection
/// string's password, packed into the .nupkg or published, fails the build with a canonical PG4040 error that never
/// shows the password; <c>PipelineGuardSecretsEnabled=false</c> switches the scan off.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class SecretsTests
{
    private static readonly CorpusFile Planted = PlantedPackages.ConnectionString;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_password_in_a_packed_appsettings_file_fails_pack_naming_the_package_and_the_entry(bool outOfProcess)
    {
        var project = Create(outOfProcess ? "SecretPackOutOfProcess" : "SecretPack");
        var pack = await project.DotNetAsync("pack", "-nologo", "-o", "out", $"-p:PipelineGuardRunOutOfProcess={outOfProcess}");

        Assert.NotEqual(0, pack.ExitCode);
        var package = Path.Combine(project.Directory, "out", $"{Path.GetFileNameWithoutExtension(project.ProjectFile)}.1.0.0.nupkg");
        Assert.True(pack.StandardOutput.Contains($"{package} : error PG4040: ", StringComparison.Ordinal), pack.StandardOutput);
        // NuGet's own metadata (the .psmdcp's PublicKeyToken=31bf3856ad364e35) is not a secret.
        Assert.DoesNotContain("PG4030", pack.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("in content/appsettings.Development.json:3:", pack.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Planted.Secret!, pack.StandardOutput + pack.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB3073", pack.StandardOutput, StringComparison.Ordinal);

        var off = await project.DotNetAsync("pack", "-nologo", "-o", "out", $"-p:PipelineGuardRunOutOfProcess={outOfProcess}", "-p:PipelineGuardSecretsEnabled=false");
        Assert.True(off.ExitCode == 0, off.StandardOutput);
    }

    [Fact]
    public async Task A_password_in_a_published_appsettings_file_fails_publish_at_the_published_file()
    {
        var project = Create("SecretPublish");
        var publish = await project.DotNetAsync("publish", "-nologo", "-o", "pub");

        Assert.NotEqual(0, publish.ExitCode);
        var published = Path.Combine(project.Directory, "pub", "appsettings.Development.json");
        Assert.Contains($"{published}(3,", publish.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("error PG4040: ", publish.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Planted.Secret!, publish.StandardOutput + publish.StandardError, StringComparison.Ordinal);
    }

    private static SampleProject Create(string name) => SampleProject.Create(name, SampleProject.ConsoleAppWithPipelineGuard(
        extraProperties: "<PipelineGuardSbomEnabled>false</PipelineGuardSbomEnabled>",
        extraItems: """<Content Include="appsettings.Development.json" CopyToPublishDirectory="PreserveNewest" Pack="true" PackagePath="content" />"""),
        new Dictionary<string, string>
        {
            ["Program.cs"] = "Console.WriteLine(\"hello\");\n",
            ["appsettings.Development.json"] = System.Text.Encoding.UTF8.GetString(Planted.Content),
        });
}
