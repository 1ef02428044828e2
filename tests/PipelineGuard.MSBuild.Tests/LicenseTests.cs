using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>
/// The policy's licences section in a real build: a project referencing a GPL-3.0-only package (packed here into a
/// local feed) fails to build under <c>deny: [copyleft-strong]</c> with a canonical PG5001 error at the
/// PackageReference, naming the package, and builds once an exception covers that package.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class LicenseTests
{
    private const string Package = "PipelineGuard.Test.Copyleft";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_denied_licence_fails_the_build_at_its_PackageReference_and_an_exception_lets_it_pass(bool outOfProcess)
    {
        var name = outOfProcess ? "LicenseDeniedOutOfProcess" : "LicenseDenied";
        var reference = $"""<PackageReference Include="{Package}" Version="1.0.0" />""";
        var project = SampleProject.Create(name, SampleProject.ConsoleAppWithPipelineGuard(
            extraProperties: "<PipelineGuardPolicy>pipelineguard.yaml</PipelineGuardPolicy>",
            extraItems: reference), new Dictionary<string, string>
        {
            ["Program.cs"] = "Console.WriteLine(\"hello\");\n",
            ["pipelineguard.yaml"] = "version: 1\nlint:\n  enabled: false\nsbom:\n  enabled: false\nlicenses:\n  deny: [copyleft-strong]\n",
        });
        var feed = Path.Combine(project.Directory, "feed");
        LicensedProject.WritePackage(feed, Package, "GPL-3.0-only");
        var config = File.ReadAllText(Path.Combine(project.Directory, "nuget.config"));
        project.WriteFile("nuget.config", config.Replace("  </packageSources>", $"    <add key=\"copyleft\" value=\"{feed}\" />\n  </packageSources>", StringComparison.Ordinal));

        var build = await project.DotNetAsync("build", "-nologo", $"-p:PipelineGuardRunOutOfProcess={outOfProcess}");

        Assert.NotEqual(0, build.ExitCode);
        var lines = File.ReadAllLines(project.ProjectFile);
        var line = Array.FindIndex(lines, l => l.Contains(Package, StringComparison.Ordinal)) + 1;
        var column = lines[line - 1].IndexOf("<PackageReference", StringComparison.Ordinal) + 1;
        Assert.Contains(
            $"{project.ProjectFile}({line},{column}): error PG5001: {Package}@1.0.0: GPL-3.0-only is denied (licenses.deny: copyleft-strong).",
            build.StandardOutput,
            StringComparison.Ordinal);
        Assert.Contains("pipelineguard gate: FAILED (1 blocking finding(s))", build.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB3073", build.StandardOutput, StringComparison.Ordinal);

        project.WriteFile("pipelineguard.yaml", File.ReadAllText(Path.Combine(project.Directory, "pipelineguard.yaml"))
            + $"exceptions:\n  - rule: denied-license\n    package: {Package}\n    expires: 2099-12-31\n    reason: used by the test tool only\n");
        var exempted = await project.DotNetAsync("build", "-nologo", $"-p:PipelineGuardRunOutOfProcess={outOfProcess}");
        Assert.True(exempted.ExitCode == 0, exempted.StandardOutput);
        Assert.DoesNotContain("error PG5001", exempted.StandardOutput, StringComparison.Ordinal);
    }
}
