using System.Globalization;
using PipelineGuard.Gate;
using PipelineGuard.Provenance;
using Xunit;

namespace PipelineGuard.Core.Tests.Gate;

/// <summary>
/// MSBuild and Cake hosts do not run with the invariant culture: under a culture with another calendar (Thai Buddhist,
/// year 2568 for 2025) or other digits, dates in findings and reports must still read as ISO dates.
/// </summary>
public sealed class InvariantCultureTests
{
    [Fact]
    public void Dates_in_findings_and_reports_are_gregorian_iso_dates_under_a_thai_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("th-TH");
            Assert.NotEqual("2025", new DateTime(2025, 6, 30).ToString("yyyy", CultureInfo.CurrentCulture));

            var policy = PolicyLoader.Parse(
                "version: 1\nbaseImages:\n  requireDigest: true\n  maxAgeDays: 1\nexceptions:\n  - rule: require-digest\n    expires: 2025-06-30\n    reason: old\n  - rule: max-age\n    expires: 2099-12-31\n    reason: fine\n",
                "pipelineguard.yaml", "/repo").Policy!;
            var facts = new BaseImageFacts { Written = "docker.io/library/node:20", Registry = "docker.io", Repository = "library/node", Tag = "20", ResolvedDigest = "sha256:" + new string('a', 64), Created = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero) };
            var assessment = BaseImageEvaluator.Evaluate(policy.BaseImages, facts, new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));
            var result = new GateResultBuilder(policy, new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero)).AddBaseImage("Dockerfile", assessment).Build();

            var expired = Assert.Single(result.Findings, f => f.RuleId == "PG0001");
            Assert.Contains("expired on 2025-06-30", expired.Message, StringComparison.Ordinal);
            Assert.Contains(assessment.Checks.SelectMany(c => c.Evidence), e => e.Contains("2020-01-02", StringComparison.Ordinal));
            Assert.Contains("until 2099-12-31", SarifWriter.Write(result), StringComparison.Ordinal);
            Assert.Contains("exception until 2099-12-31", MarkdownSummaryWriter.Write(result), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
