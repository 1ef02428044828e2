using System.Text.Json;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary><c>gate</c> with a licences section: a denied licence is exit code 1 with the finding in the output and the JSON report.</summary>
public sealed class GateLicenseCommandTests
{
    [Fact]
    public async Task A_denied_licence_fails_the_gate_with_exit_code_1_and_a_PG5001_finding()
    {
        var project = LicensedProject.Create("CliLicense", [("Good.Package", "Apache-2.0"), ("Copyleft.Package", "GPL-2.0-only OR AGPL-3.0-only")]);
        File.WriteAllText(Path.Combine(project, "pipelineguard.yaml"), "version: 1\nlicenses:\n  deny: [copyleft-strong]\n  unknown: error\n");
        var output = RepositoryPaths.NewTempDirectory("gate-license-out");

        var (code, stdout, stderr) = await CliRunner.RunAsync("gate", project, "--output-dir", output);

        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("error PG5001: Copyleft.Package@1.0.0: GPL-2.0-only in GPL-2.0-only OR AGPL-3.0-only is denied (licenses.deny: copyleft-strong)", stdout, StringComparison.Ordinal);
        Assert.Contains("pipelineguard gate: FAILED (1 blocking finding(s))", stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "pipelineguard.json")));
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("PG5001", finding.GetProperty("ruleId").GetString());
        Assert.Equal("Copyleft.Package@1.0.0", finding.GetProperty("subject").GetString());
    }
}
