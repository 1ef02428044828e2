using Xunit;
using PipelineGuard.Dockerfiles;

namespace PipelineGuard.Core.Tests.Dockerfiles;

public class RuleTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (code, fires, passes) in RuleCases.All)
        {
            data.Add(code, fires, passes);
        }

        return data;
    }

    private static LintConfiguration ConfigurationFor(string code) => RuleCases.OptIn.Contains(code)
        ? LintConfiguration.Default with { Overrides = new Dictionary<string, LintSeverity> { [code] = LintSeverity.Warning } }
        : LintConfiguration.Default;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_fires_on_the_bad_case_and_not_on_the_good_one(string code, string fires, string passes)
    {
        var configuration = ConfigurationFor(code);
        var bad = DockerfileLinter.Lint(fires, "Dockerfile", configuration);
        Assert.True(bad.Findings.Any(f => f.Code == code), $"{code} should fire on:\n{fires}\nfound: {string.Join(", ", bad.Findings.Select(f => f.Code))}");
        var good = DockerfileLinter.Lint(passes, "Dockerfile", configuration);
        Assert.False(good.Findings.Any(f => f.Code == code), $"{code} should not fire on:\n{passes}\nfound: {string.Join(", ", good.Findings.Where(f => f.Code == code).Select(f => $"{f.Line}: {f.Message}"))}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Inline_ignore_pragma_silences_the_rule(string code, string fires, string passes)
    {
        _ = passes;
        var configuration = ConfigurationFor(code);
        var bad = DockerfileLinter.Lint(fires, "Dockerfile", configuration);
        var lines = fires.Split('\n').ToList();
        foreach (var line in bad.Findings.Where(f => f.Code == code).Select(f => f.Line).Distinct().OrderDescending())
        {
            lines.Insert(line - 1, $"# hadolint ignore={code}");
        }

        var silenced = DockerfileLinter.Lint(string.Join('\n', lines), "Dockerfile", configuration);
        if (code == "DL1001")
        {
            return;
        }

        Assert.DoesNotContain(silenced.Findings, f => f.Code == code && !IsEndOfFileRule(code));
    }

    [Fact]
    public void Every_catalogued_rule_has_a_firing_case()
    {
        var retired = new HashSet<string> { "DL1000", "DL3005", "DL3017", "DL3031", "DL3039", "DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058", "DL3026", "PG1006", "PG1008" };
        var covered = RuleCases.All.Select(c => c.Code).ToHashSet();
        var missing = LintRuleCatalog.Rules.Select(r => r.Code).Where(c => !covered.Contains(c) && !retired.Contains(c)).ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("DL3005", "FROM debian:12\nRUN apt-get dist-upgrade -y\n")]
    [InlineData("DL3017", "FROM alpine:3.20\nRUN apk upgrade\n")]
    [InlineData("DL3031", "FROM centos:7\nRUN yum update -y && yum clean all\n")]
    [InlineData("DL3039", "FROM fedora:40\nRUN dnf upgrade -y && dnf clean all\n")]
    [InlineData("PG1006", "FROM debian:12\nRUN true\n")]
    [InlineData("PG1008", "FROM debian:12\n")]
    public void Rules_retired_by_hadolint_or_opt_in_fire_only_when_switched_on(string code, string dockerfile)
    {
        Assert.DoesNotContain(DockerfileLinter.Lint(dockerfile, "Dockerfile", LintConfiguration.Default).Findings, f => f.Code == code);
        var on = LintConfiguration.Default with { Overrides = new Dictionary<string, LintSeverity> { [code] = LintSeverity.Error } };
        var finding = Assert.Single(DockerfileLinter.Lint(dockerfile, "Dockerfile", on).Findings, f => f.Code == code);
        Assert.Equal(LintSeverity.Error, finding.Severity);
    }

    [Theory]
    [InlineData("docker.io", "FROM debian:12\n", true)]
    [InlineData("docker.io", "FROM quay.io/x/y:1\n", false)]
    [InlineData("*.gcr.io", "FROM eu.gcr.io/p/app:1\n", true)]
    [InlineData("*.gcr.io", "FROM gcr.io.evil.com/app:1\n", false)]
    [InlineData("my-company.com:5000", "FROM my-company.com:5000/app:1\n", true)]
    [InlineData("quay.io", "FROM scratch\n", true)]
    [InlineData("quay.io", "FROM quay.io/a:1 AS build\nFROM build\n", true)]
    // Docker reads an upper-case first component as a registry host: the lint had read Foo/bar as Docker Hub's.
    [InlineData("docker.io", "FROM Foo/bar:1\n", false)]
    [InlineData("Foo", "FROM Foo/bar:1\n", true)]
    public void DL3026_checks_trusted_registries_with_wildcards(string registry, string dockerfile, bool allowed)
    {
        var configuration = LintConfiguration.Default with { TrustedRegistries = [registry] };
        var findings = DockerfileLinter.Lint(dockerfile, "Dockerfile", configuration).Findings;
        Assert.Equal(!allowed, findings.Any(f => f.Code == "DL3026"));
    }

    [Theory]
    [InlineData("version", "semver", "1.2.3", "1.2", "DL3056")]
    [InlineData("url", "url", "https://example.com/x", "not a url", "DL3052")]
    [InlineData("created", "rfc3339", "2024-05-01T10:00:00Z", "yesterday", "DL3053")]
    [InlineData("license", "spdx", "Apache-2.0", "Apache 2", "DL3054")]
    [InlineData("revision", "hash", "0123456789abcdef0123456789abcdef01234567", "xyz", "DL3055")]
    [InlineData("contact", "email", "team@example.com", "team-at-example", "DL3058")]
    public void Label_schema_rules_check_value_formats(string label, string format, string good, string bad, string code)
    {
        var configuration = LintConfiguration.Default with { LabelSchema = new Dictionary<string, string> { [label] = format } };
        Assert.DoesNotContain(DockerfileLinter.Lint($"FROM debian:12\nLABEL {label}=\"{good}\"\n", "D", configuration).Findings, f => f.Code.StartsWith("DL305", StringComparison.Ordinal) || f.Code == "DL3049");
        var findings = DockerfileLinter.Lint($"FROM debian:12\nLABEL {label}=\"{bad}\"\n", "D", configuration).Findings;
        var finding = Assert.Single(findings, f => f.Code == code);
        Assert.Contains($"`{label}`", finding.Message, StringComparison.Ordinal);
        Assert.Contains(DockerfileLinter.Lint($"FROM debian:12\nLABEL {label}=\"\"\n", "D", configuration).Findings, f => f.Code == "DL3051");
        Assert.Contains(DockerfileLinter.Lint("FROM debian:12\nLABEL other=1\n", "D", configuration).Findings, f => f.Code == "DL3049" && f.Message.Contains(label, StringComparison.Ordinal));
    }

    [Fact]
    public void Strict_labels_report_labels_outside_the_schema()
    {
        var schema = new Dictionary<string, string> { ["version"] = "text" };
        var strict = LintConfiguration.Default with { LabelSchema = schema, StrictLabels = true };
        Assert.Contains(DockerfileLinter.Lint("FROM debian:12\nLABEL version=1 extra=2\n", "D", strict).Findings, f => f.Code == "DL3050");
        Assert.DoesNotContain(DockerfileLinter.Lint("FROM debian:12\nLABEL version=1\n", "D", strict).Findings, f => f.Code == "DL3050");
        Assert.DoesNotContain(DockerfileLinter.Lint("FROM debian:12\nLABEL version=1 extra=2\n", "D", LintConfiguration.Default with { LabelSchema = schema }).Findings, f => f.Code == "DL3050");
    }

    [Fact]
    public void Labels_are_inherited_through_FROM_alias()
    {
        var configuration = LintConfiguration.Default with { LabelSchema = new Dictionary<string, string> { ["version"] = "text" } };
        Assert.DoesNotContain(DockerfileLinter.Lint("FROM debian:12 AS base\nLABEL version=1\nFROM base\n", "D", configuration).Findings, f => f.Code == "DL3049");
        Assert.Contains(DockerfileLinter.Lint("FROM debian:12 AS base\nLABEL version=1\nFROM debian:12\n", "D", configuration).Findings, f => f.Code == "DL3049");
    }

    [Fact]
    public void Heredoc_bodies_are_linted_as_shell_scripts()
    {
        var findings = DockerfileLinter.Lint("FROM debian:12\nRUN <<EOF\nset -e\napt-get install curl\nEOF\n", "D", LintConfiguration.Default).Findings;
        Assert.Contains(findings, f => f.Code == "DL3008");
        Assert.Contains(findings, f => f.Code == "DL3014");
        var python = DockerfileLinter.Lint("FROM python:3.12\nRUN python3 <<EOF\nimport os\napt-get install curl\nEOF\n", "D", LintConfiguration.Default).Findings;
        Assert.DoesNotContain(python, f => f.Code == "DL3008");
    }

    [Fact]
    public void ONBUILD_triggers_are_linted()
    {
        var findings = DockerfileLinter.Lint("FROM debian:12\nONBUILD RUN apt-get install -y --no-install-recommends curl\n", "D", LintConfiguration.Default).Findings;
        var finding = Assert.Single(findings, f => f.Code == "DL3008");
        Assert.Equal(2, finding.Line);
    }

    [Fact]
    public void Windows_shells_exempt_the_posix_rules()
    {
        var shell = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN cd C:\\ ; Get-Process | Stop-Process\n";
        var findings = DockerfileLinter.Lint(shell, "D", LintConfiguration.Default).Findings;
        Assert.DoesNotContain(findings, f => f.Code is "DL3003" or "DL4006");
        var pragma = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n# hadolint shell=powershell\nRUN cd C:\\ ; Get-Process | Stop-Process\n";
        Assert.DoesNotContain(DockerfileLinter.Lint(pragma, "D", LintConfiguration.Default).Findings, f => f.Code is "DL3003" or "DL4006");
        Assert.Contains(DockerfileLinter.Lint("FROM debian:12\nRUN cd /x ; a | b\n", "D", LintConfiguration.Default).Findings, f => f.Code == "DL4006");
    }

    [Fact]
    public void Security_findings_point_at_the_offending_word()
    {
        var text = "FROM debian:12\nRUN apt-get update && \\\n    curl -k https://x -o /x\n";
        var finding = Assert.Single(DockerfileLinter.Lint(text, "D", LintConfiguration.Default).Findings, f => f.Code == "PG1003");
        Assert.Equal(3, finding.Line);
        Assert.Equal(5, finding.Column);
        Assert.Equal("curl", text.Substring(finding.Span.Start, finding.Span.Length));
    }

    [Fact]
    public void Findings_carry_help_uris_and_the_canonical_msbuild_form()
    {
        var finding = Assert.Single(DockerfileLinter.Lint("FROM debian:latest\nUSER 1000\nHEALTHCHECK NONE\n", "src/Dockerfile", LintConfiguration.Default).Findings);
        Assert.Equal("https://github.com/hadolint/hadolint/wiki/DL3007", finding.HelpUri.ToString());
        Assert.Equal("src/Dockerfile(1,1): warning DL3007: Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag", finding.ToCanonicalString());
        Assert.EndsWith("#pg1003", LintRuleCatalog.HelpUriFor("PG1003").ToString(), StringComparison.Ordinal);
        Assert.Equal("https://www.shellcheck.net/wiki/SC2086", LintRuleCatalog.HelpUriFor("SC2086").ToString());
    }

    private static bool IsEndOfFileRule(string code) => code is "DL3057" or "PG1006";
}
