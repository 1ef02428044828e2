using PipelineGuard.Testing;
using Xunit;

namespace Cake.PipelineGuard.Tests;

/// <summary>The gate alias applies the policy's licences section, as the tool and the MSBuild package do.</summary>
public sealed class LicenseAliasTests
{
    [Fact]
    public async Task The_gate_alias_fails_on_a_denied_licence_naming_the_package_at_its_PackageReference()
    {
        var dir = LicensedProject.Create("CakeLicense", [("Good.Package", "MIT"), ("Copyleft.Package", "MIT AND GPL-3.0-only")]);
        File.WriteAllText(Path.Combine(dir, "pipelineguard.yaml"), "version: 1\nlicenses:\n  allow: [MIT, Apache-2.0]\n");

        var run = await CakeScript.RunAsync("""
            PipelineGuardGate(".", new PipelineGuardGateSettings().WithOutputDirectory("./report"));
            Information("not reached");
            """, [], null, dir);

        Scripts.FailedWith(run, "pipelineguard gate: FAILED (1 blocking finding(s))");
        Assert.Contains($"{Path.Combine(dir, "CakeLicense.csproj")}(7,5): error PG5001: Copyleft.Package@1.0.0: GPL-3.0-only in MIT AND GPL-3.0-only is not allowed", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"ruleId\": \"PG5001\"", await File.ReadAllTextAsync(Path.Combine(dir, "report", "pipelineguard.sarif")), StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
    }
}
