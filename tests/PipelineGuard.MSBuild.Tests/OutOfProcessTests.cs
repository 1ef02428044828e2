using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>
/// The path .NET Framework MSBuild (Visual Studio) takes: the bundled pipelineguard tool run with dotnet.
/// PipelineGuardRunOutOfProcess=true forces it here, and it must produce what the in-process tasks produce.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class OutOfProcessTests
{
    private static readonly Dictionary<string, string?> Reproducible = new() { ["SOURCE_DATE_EPOCH"] = "1764288000", ["PIPELINEGUARD_PASSWORD"] = "pw", ["COSIGN_PASSWORD"] = null };

    [Fact]
    public async Task The_out_of_process_path_writes_the_same_SBOMs_and_logs_the_same_diagnostics_as_the_in_process_path()
    {
        var inProcess = await PackAsync("Twin", outOfProcess: false);
        var outOfProcess = await PackAsync("Twin", outOfProcess: true);

        Assert.DoesNotContain("(out of process", inProcess.Log, StringComparison.Ordinal);
        Assert.Contains("(out of process", outOfProcess.Log, StringComparison.Ordinal);
        foreach (var relative in new[] { Path.Combine("bin", "Release", "net10.0", "Twin.cdx.json"), Path.Combine("out", "Twin.1.0.0.cdx.json") })
        {
            var expected = await File.ReadAllTextAsync(Path.Combine(inProcess.Project.Directory, relative));
            Assert.Equal(expected, await File.ReadAllTextAsync(Path.Combine(outOfProcess.Project.Directory, relative)));
        }

        Assert.Equal(
            EndToEnd.ReadEntry(Path.Combine(inProcess.Project.Directory, "out", "Twin.1.0.0.nupkg"), "sbom/Twin.cdx.json"),
            EndToEnd.ReadEntry(Path.Combine(outOfProcess.Project.Directory, "out", "Twin.1.0.0.nupkg"), "sbom/Twin.cdx.json"));
        Assert.Equal(Diagnostics(inProcess), Diagnostics(outOfProcess));
        Assert.Contains("Dockerfile(1,1): warning DL3007: ", outOfProcess.Log, StringComparison.Ordinal);

        // Both signed the package and its SBOM with a bundle that verifies.
        foreach (var side in new[] { inProcess, outOfProcess })
        {
            var file = Path.Combine(side.Project.Directory, "out", "Twin.1.0.0.cdx.json");
            var verify = await ProcessRunner.RunAsync("dotnet", [EndToEnd.BundledTool, "verify-blob", file, "--key", Path.Combine(side.Project.Directory, "signing.pub"), "--bundle", file + ".sigstore.json"], side.Project.Directory);
            Assert.True(verify.ExitCode == 0, verify.ToString());
        }
    }

    [Fact]
    public async Task Out_of_process_a_threshold_breach_fails_the_build_with_the_findings_as_errors()
    {
        var project = EndToEnd.ConsoleApp("OutOfProcessErrors", "<PipelineGuardLintThreshold>warning</PipelineGuardLintThreshold><PipelineGuardRunOutOfProcess>true</PipelineGuardRunOutOfProcess>", new Dictionary<string, string> { ["Dockerfile"] = EndToEnd.LintedDockerfile });

        var build = await project.DotNetAsync("build", "-nologo");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("Dockerfile(1,1): error DL3007: ", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Dockerfile(2,1): error DL3008: ", build.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<(SampleProject Project, string Log)> PackAsync(string name, bool outOfProcess)
    {
        var project = EndToEnd.ConsoleApp(name, files: new Dictionary<string, string> { ["Dockerfile"] = EndToEnd.LintedDockerfile });
        var generate = await ProcessRunner.RunAsync("dotnet", [EndToEnd.BundledTool, "generate-key-pair", "--output-key-prefix", "signing"], project.Directory, Reproducible);
        Assert.True(generate.ExitCode == 0, generate.ToString());

        var pack = await project.DotNetAsync(["pack", "-nologo", "-o", "out", "-p:PipelineGuardSigningKey=signing.key", $"-p:PipelineGuardRunOutOfProcess={(outOfProcess ? "true" : "false")}"], Reproducible);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        return (project, pack.StandardOutput.Replace(project.Directory, "<project>", StringComparison.Ordinal));
    }

    /// <summary>The canonical warning and error lines, as a set (MSBuild repeats them in its summary).</summary>
    private static List<string> Diagnostics((SampleProject Project, string Log) side)
        => side.Log.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Contains(": warning ", StringComparison.Ordinal) || l.Contains(": error ", StringComparison.Ordinal))
            .Select(l => l[..(l.LastIndexOf(" [", StringComparison.Ordinal) is var i and > 0 ? i : l.Length)])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
