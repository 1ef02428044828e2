using PipelineGuard.Gate;
using PipelineGuard.Provenance;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Licenses;

/// <summary>
/// The gate's licence check on a project whose packages carry the licences a test chooses: a hand-written assets file
/// and package folder (no feed), so each case states exactly what the SBOM says.
/// </summary>
public sealed class LicenseGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<GateResult> GateAsync(string directory, string licenses, string exceptions = "")
    {
        var loaded = PolicyLoader.Parse($"version: 1\nlicenses:\n{licenses}\n{exceptions}", Path.Combine(directory, "pipelineguard.yaml"), directory);
        Assert.True(loaded.Policy is not null, string.Join("; ", loaded.Diagnostics));
        var run = await GateRunner.RunAsync(new GateOptions { Path = directory, Policy = loaded.Policy, Now = Now });
        Assert.True(run.Result is not null, string.Join("; ", run.ConfigurationErrors));
        return run.Result;
    }

    [Fact]
    public async Task A_gpl_3_package_under_a_deny_list_fails_with_PG5001_at_its_PackageReference()
    {
        var directory = LicensedProject.Create("LicDenied", [("Good.Package", "MIT"), ("Copyleft.Package", "GPL-3.0-only")]);

        var result = await GateAsync(directory, "  deny: [GPL-3.0-only, AGPL-3.0-only]");

        Assert.False(result.Passed);
        var finding = Assert.Single(result.Findings, f => f.Blocking);
        Assert.Equal("PG5001", finding.RuleId);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("Copyleft.Package@1.0.0", finding.Subject);
        Assert.StartsWith("GPL-3.0-only is denied (licenses.deny: GPL-3.0-only)", finding.Message, StringComparison.Ordinal);
        Assert.Equal("LicDenied.csproj", finding.Location!.File);
        Assert.Equal(7, finding.Location.Line);
        Assert.DoesNotContain(result.Findings, f => f.Subject == "Good.Package@1.0.0");
    }

    [Fact]
    public async Task A_choice_of_mit_or_gpl_passes_an_allow_list_of_mit_and_a_transitive_denial_names_its_reference()
    {
        var passes = LicensedProject.Create("LicChoice", [("Dual.Package", "MIT OR GPL-3.0-only"), ("Apache.Package", "Apache-2.0")]);
        var allowed = await GateAsync(passes, "  allow: [MIT, Apache-2.0]");
        Assert.True(allowed.Passed, string.Join("; ", allowed.Findings.Select(f => f.Message)));
        Assert.Empty(allowed.Findings);

        var transitive = LicensedProject.Create("LicTransitive", [("Top.Package", "MIT"), ("Deep.Package", "MIT AND GPL-3.0-only")], transitive: "Deep.Package");
        var denied = await GateAsync(transitive, "  allow: [MIT, Apache-2.0]");
        var finding = Assert.Single(denied.Findings);
        Assert.Equal("PG5001", finding.RuleId);
        Assert.Contains("GPL-3.0-only in MIT AND GPL-3.0-only is not allowed", finding.Message, StringComparison.Ordinal);
        Assert.Contains("through the PackageReference to Top.Package", finding.Message, StringComparison.Ordinal);
        Assert.Equal(6, finding.Location!.Line);
    }

    [Fact]
    public async Task Unknown_error_fails_on_a_package_without_a_licence_and_a_malformed_one_is_unknown_too()
    {
        var directory = LicensedProject.Create("LicUnknown", [("Bare.Package", null), ("Broken.Package", "MIT OR OR Apache-2.0"), ("Good.Package", "MIT")]);

        var strict = await GateAsync(directory, "  unknown: error");
        Assert.False(strict.Passed);
        Assert.Equal(["Bare.Package@1.0.0", "Broken.Package@1.0.0"], strict.Findings.Where(f => f.RuleId == "PG5002" && f.Blocking).Select(f => f.Subject).Order(StringComparer.Ordinal));
        Assert.Contains(strict.Findings, f => f.Message.Contains("no licence is declared", StringComparison.Ordinal));

        var warning = await GateAsync(directory, "  unknown: warning");
        Assert.True(warning.Passed);
        Assert.All(warning.Findings, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.Equal(2, warning.Findings.Count);

        var off = await GateAsync(directory, "  unknown: off");
        Assert.Empty(off.Findings);
    }

    [Fact]
    public async Task An_exception_for_the_package_suppresses_the_finding_until_it_expires()
    {
        var directory = LicensedProject.Create("LicExempt", [("Copyleft.Package", "GPL-3.0-only"), ("Other.Copyleft", "GPL-3.0-only")]);
        const string Exception = """
            exceptions:
              - rule: denied-license
                package: Copyleft.Package
                expires: {0}
                reason: legal approved the use in this internal tool
            """;

        var current = await GateAsync(directory, "  deny: [copyleft-strong]", Exception.Replace("{0}", "2026-12-31", StringComparison.Ordinal));
        var exempted = Assert.Single(current.Findings, f => f.Subject == "Copyleft.Package@1.0.0");
        Assert.NotNull(exempted.ExemptedBy);
        Assert.False(exempted.Blocking);
        // The exception names one package: the other stays blocking.
        Assert.True(Assert.Single(current.Findings, f => f.Subject == "Other.Copyleft@1.0.0").Blocking);

        var expired = await GateAsync(directory, "  deny: [copyleft-strong]", Exception.Replace("{0}", "2026-05-31", StringComparison.Ordinal));
        Assert.True(Assert.Single(expired.Findings, f => f.Subject == "Copyleft.Package@1.0.0").Blocking);
        Assert.Contains(expired.Findings, f => f.RuleId == GateRules.ExpiredException.Id);
    }

    [Fact]
    public async Task Every_report_shows_the_licence_finding_under_its_rule()
    {
        var directory = LicensedProject.Create("LicReports", [("Copyleft.Package", "AGPL-3.0-only")]);
        var loaded = PolicyLoader.Parse("version: 1\nlicenses:\n  deny: [copyleft-network]\n", Path.Combine(directory, "pipelineguard.yaml"), directory);
        var output = Path.Combine(directory, "report");

        var job = await GateJob.RunAsync(new GateJobOptions { Gate = new GateOptions { Path = directory, Policy = loaded.Policy!, Now = Now, OutputDirectory = output } });

        Assert.False(job.Run.Result!.Passed);
        Assert.Equal(GateReportFormats.Names.Count, job.Reports.Count);
        foreach (var report in job.Reports)
        {
            var text = await File.ReadAllTextAsync(report);
            Assert.True(text.Contains("PG5001", StringComparison.Ordinal), $"{Path.GetFileName(report)} does not show PG5001");
            Assert.True(text.Contains("Copyleft.Package", StringComparison.Ordinal), $"{Path.GetFileName(report)} does not name the package");
        }
    }

    [Fact]
    public async Task Allow_and_deny_together_need_an_allowed_licence_that_is_not_denied()
    {
        var directory = LicensedProject.Create("LicBoth", [("Weak.Package", "LGPL-2.1-or-later"), ("Mit.Package", "MIT"), ("Other.Package", "ISC")]);

        var result = await GateAsync(directory, "  allow: [MIT, LGPL-3.0-only]\n  deny: [copyleft-weak]");

        Assert.Equal(["Other.Package@1.0.0", "Weak.Package@1.0.0"], result.Findings.Where(f => f.RuleId == "PG5001").Select(f => f.Subject).Order(StringComparer.Ordinal));
        Assert.Contains(result.Findings, f => f.Message.StartsWith("LGPL-2.1-or-later is denied (licenses.deny: copyleft-weak)", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.Message.StartsWith("ISC is not allowed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_assets_file_given_alone_locates_the_finding_through_the_project_restore_wrote_into_it()
    {
        var directory = LicensedProject.Create("LicAssets", [("Copyleft.Package", "GPL-3.0-only")]);
        var alone = Path.Combine(directory, "copied", "assets", "project.assets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(alone)!);
        File.Copy(Path.Combine(directory, "obj", "project.assets.json"), alone);

        var result = await GateAsync(directory, "  deny: [GPL-3.0-only]\nsbom:\n  project: copied/assets/project.assets.json");

        var finding = Assert.Single(result.Findings);
        Assert.Equal("PG5001", finding.RuleId);
        Assert.Equal(new SourceLocation("LicAssets.csproj", 6, 5, 5 + "<PackageReference Include=\"Copyleft.Package\"".Length), finding.Location);
    }
}
