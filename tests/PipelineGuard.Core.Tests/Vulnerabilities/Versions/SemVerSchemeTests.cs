using PipelineGuard.Vulnerabilities.Versions;
using Xunit;

namespace PipelineGuard.Core.Tests.Vulnerabilities.Versions;

public class SemVerSchemeTests
{
    // semver.org, item 11: each is older than the next.
    private static readonly string[] Ascending =
        ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0"];

    [Fact]
    public void Orders_the_specification_examples()
    {
        for (var k = 0; k + 1 < Ascending.Length; k++)
        {
            Assert.True(SemVerScheme.Instance.Compare(Ascending[k], Ascending[k + 1]) < 0, $"{Ascending[k]} < {Ascending[k + 1]}");
            Assert.True(SemVerScheme.Instance.Compare(Ascending[k + 1], Ascending[k]) > 0);
        }
    }

    [Theory]
    [InlineData("v1.2.3", "1.2.3", 0)]
    [InlineData("1.2.3+build.1", "1.2.3", 0)]
    [InlineData("0.0.0-20210101000000-abcdef123456", "0.0.0-20220101000000-abcdef123456", -1)]
    [InlineData("1.0.0-Beta", "1.0.0-beta", -1)]
    public void Orders_known_cases(string a, string b, int expected)
        => Assert.Equal(expected, Math.Sign(SemVerScheme.Instance.Compare(a, b)));

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.2.x")]
    [InlineData("1.2.3-")]
    public void Rejects_what_is_not_a_semantic_version(string version) => Assert.NotNull(SemVerScheme.Instance.Validate(version));
}
