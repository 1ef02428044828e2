using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>A RID-specific build's SBOM describes the restore graph of that RID, which is what the build deploys.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class RuntimeIdentifierSbomTests
{
    [Fact]
    public async Task A_build_for_one_of_several_RIDs_writes_the_SBOM_of_that_RID_in_and_out_of_process()
    {
        foreach (var outOfProcess in new[] { false, true })
        {
            // Two RIDs restored: without $(RuntimeIdentifier) passed on, the SBOM would describe the RID-less graph.
            var name = outOfProcess ? "RidOutOfProcess" : "RidInProcess";
            var project = EndToEnd.ConsoleApp(name, "<RuntimeIdentifiers>linux-x64;linux-arm64</RuntimeIdentifiers><PublishAot>true</PublishAot>");

            var build = await project.SucceedsAsync("build", "-nologo", "-r", "linux-x64", $"-p:PipelineGuardRunOutOfProcess={(outOfProcess ? "true" : "false")}");

            Assert.Equal(outOfProcess, build.StandardOutput.Contains("(out of process", StringComparison.Ordinal));
            var sbom = Path.Combine(project.Directory, "bin", "Debug", "net10.0", "linux-x64", name + ".cdx.json");
            await EndToEnd.AssertValidCycloneDxAsync(sbom);
            var text = await File.ReadAllTextAsync(sbom);
            var purls = EndToEnd.Purls(text);
            Assert.Contains("pkg:nuget/Newtonsoft.Json@13.0.4", purls);
            Assert.Contains(purls, p => p.StartsWith("pkg:nuget/runtime.linux-x64.Microsoft.DotNet.ILCompiler@", StringComparison.Ordinal));
            Assert.DoesNotContain(purls, p => p.StartsWith("pkg:nuget/runtime.linux-arm64.", StringComparison.Ordinal));
            Assert.Contains("\"net10.0/linux-x64\"", text, StringComparison.Ordinal);
        }
    }
}
