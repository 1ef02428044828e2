using PipelineGuard.Dockerfiles;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

public class LintPragmaTests
{
    private static List<string> Codes(string text, LintConfiguration? configuration = null) =>
        DockerfileLinter.Lint(text, "Dockerfile", configuration ?? LintConfiguration.Default).Findings.Select(f => $"{f.Line}:{f.Code}").ToList();

    [Fact]
    public void Inline_ignore_applies_to_the_next_line_only_and_allows_a_reason()
    {
        var codes = Codes("# hadolint ignore=DL3006,DL3057 # we build on a moving base\nFROM debian\nFROM ubuntu\n");
        Assert.DoesNotContain("2:DL3006", codes);
        Assert.Contains("3:DL3006", codes);
    }

    [Fact]
    public void Global_ignore_applies_to_the_whole_file()
    {
        var codes = Codes("FROM debian\n# hadolint global ignore=DL3006\nFROM ubuntu\n");
        Assert.DoesNotContain(codes, c => c.EndsWith("DL3006", StringComparison.Ordinal));
    }

    [Fact]
    public void Stage_ignore_applies_to_the_next_stage()
    {
        var codes = Codes("FROM debian:12\nRUN cd /a\n# hadolint stage ignore=DL3003\nFROM debian:12\nRUN cd /b\nFROM debian:12\nRUN cd /c\n");
        Assert.Contains("2:DL3003", codes);
        Assert.DoesNotContain("5:DL3003", codes);
        Assert.Contains("7:DL3003", codes);
    }

    [Fact]
    public void Pipelineguard_alias_and_disable_ignore_pragma()
    {
        const string text = "# pipelineguard ignore=DL3006\nFROM debian\n";
        Assert.DoesNotContain("2:DL3006", Codes(text));
        Assert.Contains("2:DL3006", Codes(text, LintConfiguration.Default with { DisableIgnorePragma = true }));
    }

    [Fact]
    public void Pragmas_ignore_the_instruction_that_starts_on_the_next_line_even_when_it_spans_lines()
    {
        var codes = Codes("FROM debian:12\n# hadolint ignore=DL3008,DL3015\nRUN apt-get install -y \\\n    curl\n");
        Assert.DoesNotContain(codes, c => c.EndsWith("DL3008", StringComparison.Ordinal) || c.EndsWith("DL3015", StringComparison.Ordinal));
    }

    [Fact]
    public void DL1001_reports_inline_ignores_when_switched_on()
    {
        var on = LintConfiguration.Default with { Overrides = new Dictionary<string, LintSeverity> { ["DL1001"] = LintSeverity.Error } };
        Assert.Contains("1:DL1001", Codes("# hadolint ignore=DL3006\nFROM debian\n", on));
        Assert.DoesNotContain(Codes("# hadolint global ignore=DL3006\nFROM debian\n", on), c => c.EndsWith("DL1001", StringComparison.Ordinal));
    }

    [Fact]
    public void Config_ignore_and_overrides_apply()
    {
        var configuration = LintConfiguration.Default with
        {
            Ignored = new HashSet<string> { "DL3006" },
            Overrides = new Dictionary<string, LintSeverity> { ["DL3003"] = LintSeverity.Error },
        };
        var findings = DockerfileLinter.Lint("FROM debian\nRUN cd /x\n", "D", configuration).Findings;
        Assert.DoesNotContain(findings, f => f.Code == "DL3006");
        Assert.Equal(LintSeverity.Error, findings.Single(f => f.Code == "DL3003").Severity);
    }
}
