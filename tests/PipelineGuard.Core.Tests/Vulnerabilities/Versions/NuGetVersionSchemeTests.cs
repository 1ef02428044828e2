using System.Text;
using NuGet.Versioning;
using PipelineGuard.Vulnerabilities.Versions;
using Xunit;

namespace PipelineGuard.Core.Tests.Vulnerabilities.Versions;

/// <summary>NuGet's own NuGet.Versioning is the reference: the order of its default comparer, and what it parses.</summary>
public class NuGetVersionSchemeTests
{
    private static readonly string[] Labels = ["alpha", "ALPHA", "Beta", "beta", "rc", "0", "1", "2", "10", "01", "a1", "1a", "-", "-1", "x-y"];

    private static string Version(Random random)
    {
        var builder = new StringBuilder();
        var parts = random.Next(1, 5);
        for (var k = 0; k < parts; k++)
        {
            builder.Append(k == 0 ? string.Empty : ".").Append(VersionPairs.Pick(random, ["0", "1", "2", "10", "01", "00"]));
        }

        if (random.Next(2) == 0)
        {
            builder.Append('-').Append(VersionPairs.Pick(random, Labels));
            for (var k = random.Next(3); k > 0; k--)
            {
                builder.Append('.').Append(VersionPairs.Pick(random, Labels));
            }
        }

        if (random.Next(4) == 0)
        {
            builder.Append('+').Append(VersionPairs.Pick(random, ["build", "1", "sha.abc", "X"]));
        }

        return builder.ToString();
    }

    [Fact]
    public void Agrees_with_NuGet_Versioning_on_generated_pairs()
    {
        var pairs = VersionPairs.Generate(seed: 18, count: 5000, NuGetVersionScheme.Instance, Version);
        var disagreements = pairs
            .Select(p => (p.A, p.B, Ours: Math.Sign(NuGetVersionScheme.Instance.Compare(p.A, p.B)), Theirs: Math.Sign(VersionComparer.Default.Compare(NuGetVersion.Parse(p.A), NuGetVersion.Parse(p.B)))))
            .Where(r => r.Ours != r.Theirs)
            .Select(r => $"{r.A} vs {r.B}: NuGet says {r.Theirs}, we say {r.Ours}")
            .ToList();
        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements.Take(20)));
        Assert.Contains(pairs, p => NuGetVersionScheme.Instance.Compare(p.A, p.B) == 0 && p.A != p.B);
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.0")]
    [InlineData("1")]
    [InlineData("1.2.3.4")]
    [InlineData("01.002.0")]
    [InlineData("1.0.0-beta.1+sha.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-a..b")]
    [InlineData("1.0.0+")]
    [InlineData("1.0.0-a_b")]
    [InlineData("v1.0")]
    [InlineData("")]
    [InlineData("1..0")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0--1")]
    [InlineData("1.0.0-1a")]
    [InlineData("1.0.0-a.01")]
    [InlineData("1.0.0-00")]
    [InlineData("1.0.0-0")]
    [InlineData("1.0.0-a+01")]
    [InlineData("99999999999.0")]
    public void Accepts_what_NuGet_accepts(string version)
        => Assert.Equal(NuGetVersion.TryParse(version, out _), NuGetVersionScheme.Instance.Validate(version) is null);

    [Theory]
    [InlineData("1.0", "1.0.0.0", 0)]
    [InlineData("1.0.0-RC.1", "1.0.0-rc.1", 0)]
    [InlineData("1.0.0+a", "1.0.0+b", 0)]
    [InlineData("1.0.0-rc.2", "1.0.0-rc.10", -1)]
    [InlineData("1.0.0-rc", "1.0.0", -1)]
    [InlineData("1.0.0.1", "1.0.0", 1)]
    public void Orders_known_cases(string a, string b, int expected)
        => Assert.Equal(expected, Math.Sign(NuGetVersionScheme.Instance.Compare(a, b)));
}
