using PipelineGuard.Gate;
using PipelineGuard.Sbom;
using PipelineGuard.Testing.Vulnerabilities;
using PipelineGuard.Vulnerabilities;
using Xunit;

namespace PipelineGuard.Core.Tests.Vulnerabilities;

/// <summary>The nuget-feed source: the feed's vulnerabilities on the .NET SBOM become findings, once, beside OSV's.</summary>
public sealed class NuGetFeedSourceTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("feed-");

    public void Dispose() => _directory.Delete(recursive: true);

    private GatePolicy Policy(params string[] sources) => new() { BaseDirectory = _directory.FullName, Vulnerabilities = new VulnerabilityPolicy { Sources = sources } };

    [Fact]
    public void The_feeds_advisories_are_findings_and_the_same_advisory_from_OSV_is_not_repeated()
    {
        OsvRecords.WriteFolder(Path.Combine(_directory.FullName, "osv"), VulnerabilityMatcherTests.Records());
        var policy = Policy("nuget-feed", "osv");
        var builder = new GateResultBuilder(policy, DateTimeOffset.UnixEpoch);
        using var gate = VulnerabilityGate.Open(policy, builder, feedReader: true, CancellationToken.None);
        var component = VulnerabilityMatcherTests.NuGet("Example.Json", "12.0.3");
        var document = VulnerabilityMatcherTests.Document([component]);
        var fromFeed = document with { Vulnerabilities = [new SbomVulnerability("GHSA-aaaa-bbbb-cccc", "nuget.org", "https://github.com/advisories/GHSA-aaaa-bbbb-cccc", [new SbomVulnerabilityRating("high")], [component.BomRef])] };
        var checkedDocument = gate.Check(gate.CheckFeed(fromFeed, 0, "app", builder), "app", builder);
        var finding = Assert.Single(builder.Build().Findings);
        Assert.Equal(("PG6001", "GHSA-aaaa-bbbb-cccc", true), (finding.RuleId, finding.Advisory!.Id, finding.Blocking));
        Assert.Single(checkedDocument.Vulnerabilities);
    }

    [Fact]
    public void Without_a_feed_reader_nuget_feed_is_could_not_check()
    {
        var policy = Policy("nuget-feed");
        var builder = new GateResultBuilder(policy, DateTimeOffset.UnixEpoch);
        using var gate = VulnerabilityGate.Open(policy, builder, feedReader: false, CancellationToken.None);
        var finding = Assert.Single(builder.Build().Findings);
        Assert.Equal(("PG6002", true, true), (finding.RuleId, finding.CouldNotCheck, finding.Blocking));
    }
}
