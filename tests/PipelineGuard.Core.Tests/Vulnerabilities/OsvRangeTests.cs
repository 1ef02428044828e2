using PipelineGuard.Vulnerabilities;
using PipelineGuard.Vulnerabilities.Osv;
using PipelineGuard.Vulnerabilities.Versions;
using Xunit;

namespace PipelineGuard.Core.Tests.Vulnerabilities;

/// <summary>OSV's range evaluation (the schema's "Evaluation" section): events sorted by version, then applied in turn.</summary>
public class OsvRangeTests
{
    private static OsvAdvisory Advisory(string type, params (string Kind, string Version)[] events) => new(
        "TEST-1", [], null, VulnerabilitySeverity.High, null, null,
        [new OsvAffected("NuGet", "a", [new OsvRange(type, events.Select(e => new OsvEvent(e.Kind, e.Version)).ToList(), "affected[0].ranges[0]")], [], VulnerabilitySeverity.Unknown, "affected[0]")],
        "test");

    [Theory]
    [InlineData("0.9.0", false)]
    [InlineData("1.0.0", true)]
    [InlineData("1.4.9", true)]
    [InlineData("1.5.0", false)]
    [InlineData("1.9.0", false)]
    [InlineData("2.0.0", true)]
    [InlineData("2.3.0", true)]
    [InlineData("2.3.1", false)]
    public void Several_introductions_with_fixed_and_last_affected_events(string version, bool affected)
    {
        // Written out of order on purpose: the evaluation sorts events first.
        var advisory = Advisory("ECOSYSTEM", ("introduced", "2.0.0"), ("last_affected", "2.3.0"), ("introduced", "1.0.0"), ("fixed", "1.5.0"));
        var (hit, fixedVersion, _, problem) = VulnerabilityMatcher.Evaluate(advisory, version, NuGetVersionScheme.Instance);
        Assert.Null(problem);
        Assert.Equal(affected, hit);
        if (hit && version.StartsWith("1.", StringComparison.Ordinal))
        {
            Assert.Equal("1.5.0", fixedVersion);
        }
    }

    [Theory]
    [InlineData("1.2.0", true)]
    [InlineData("3.0.0", false)]
    public void A_limit_bounds_the_range(string version, bool affected)
    {
        var advisory = Advisory("SEMVER", ("introduced", "0"), ("limit", "3.0.0"));
        Assert.Equal(affected, VulnerabilityMatcher.Evaluate(advisory, version, NuGetVersionScheme.Instance).Affected);
    }

    [Fact]
    public void An_unknown_range_type_is_a_problem_and_GIT_ranges_are_ignored()
    {
        Assert.Contains("range type 'CALVER'", VulnerabilityMatcher.Evaluate(Advisory("CALVER", ("introduced", "0")), "1.0.0", NuGetVersionScheme.Instance).Problem, StringComparison.Ordinal);
        var git = VulnerabilityMatcher.Evaluate(Advisory("GIT", ("introduced", "0"), ("fixed", "abc123")), "1.0.0", NuGetVersionScheme.Instance);
        Assert.Equal((false, (string?)null), (git.Affected, git.Problem));
    }
}
