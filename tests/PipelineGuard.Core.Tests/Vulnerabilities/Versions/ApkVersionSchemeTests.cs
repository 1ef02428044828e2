using PipelineGuard.Vulnerabilities.Versions;
using Xunit;

namespace PipelineGuard.Core.Tests.Vulnerabilities.Versions;

/// <summary>
/// Alpine ships no comparison tool for this machine, so the order is checked against the format's documented rules
/// (apk-tools' "Package version format" and Alpine's APKBUILD reference: suffix order, -rN, leading zeros) case by
/// case, and for being a total order over generated versions.
/// </summary>
public class ApkVersionSchemeTests
{
    // Each row is strictly older than the next.
    private static readonly string[] Ascending =
    [
        "1.0_alpha", "1.0_alpha1", "1.0_alpha2", "1.0_beta", "1.0_beta3", "1.0_pre1", "1.0_rc1", "1.0_rc1-r1", "1.0_rc2",
        "1.0", "1.0-r1", "1.0-r2", "1.0-r10", "1.0_cvs", "1.0_svn", "1.0_git20240101", "1.0_hg", "1.0_p1", "1.0_p2",
        "1.0a", "1.0b", "1.0b_p1", "1.0.0", "1.0.1", "1.001", "1.01", "1.1", "1.1.1", "1.2", "1.10", "2", "2.0_rc1", "2.0",
    ];

    public static TheoryData<string, string> Neighbours()
    {
        var data = new TheoryData<string, string>();
        for (var k = 0; k + 1 < Ascending.Length; k++)
        {
            data.Add(Ascending[k], Ascending[k + 1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Neighbours))]
    public void Orders_by_the_documented_rules(string older, string newer)
    {
        Assert.True(ApkVersionScheme.Instance.Compare(older, newer) < 0, $"{older} < {newer}");
        Assert.True(ApkVersionScheme.Instance.Compare(newer, older) > 0, $"{newer} > {older}");
    }

    [Theory]
    [InlineData("3.3.2-r0", "3.3.2-r1", -1)]
    [InlineData("1.36.1-r29", "1.36.1-r3", 1)]
    [InlineData("1.36.1-r29", "1.36.1-r30", -1)]
    [InlineData("2.4.57-r0", "2.4.57-r0", 0)]
    [InlineData("1.2.3_rc1-r0", "1.2.3-r0", -1)]
    [InlineData("1.0_p1-r2", "1.0_p1-r1", 1)]
    [InlineData("8.9.0-r0", "8.10.0-r0", -1)]
    [InlineData("1.0.0", "1.0", 1)]
    public void Orders_real_versions(string a, string b, int expected)
        => Assert.Equal(expected, Math.Sign(ApkVersionScheme.Instance.Compare(a, b)));

    [Theory]
    [InlineData("")]
    [InlineData("a1")]
    [InlineData("1.0-1")]
    [InlineData("1.0-r")]
    [InlineData("1.0-rc1")]
    [InlineData("1.0_foo")]
    [InlineData("1.0A")]
    [InlineData("1.0-r1.2")]
    [InlineData("1.0-r1_p1")]
    [InlineData("1.0ab")]
    [InlineData("1.0a1")]
    [InlineData("1.0~")]
    public void Rejects_what_the_format_does_not_allow(string version) => Assert.NotNull(ApkVersionScheme.Instance.Validate(version));

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.0.2a_rc1_p3-r7")]
    [InlineData("20240101")]
    [InlineData("1.0_git20240101-r0")]
    [InlineData("0.9_git20240101~1a2b3c-r1")]
    public void Accepts_versions_of_the_format(string version) => Assert.Null(ApkVersionScheme.Instance.Validate(version));

    [Fact]
    public void Is_a_total_order_over_generated_versions()
    {
        string[] fragments = ["0", "1", "2", "10", "01", ".", ".", "a", "b", "_alpha", "_rc", "_p", "_git", "1"];
        var random = new Random(18);
        var versions = new List<string>();
        while (versions.Count < 300)
        {
            var v = VersionPairs.Pick(random, ["1", "2", "10"]) + VersionPairs.Join(random, fragments, 0, 5) + (random.Next(2) == 0 ? "-r" + random.Next(12) : string.Empty);
            if (ApkVersionScheme.Instance.Validate(v) is null)
            {
                versions.Add(v);
            }
        }

        var scheme = ApkVersionScheme.Instance;
        foreach (var a in versions)
        {
            foreach (var b in versions)
            {
                Assert.Equal(Math.Sign(scheme.Compare(a, b)), -Math.Sign(scheme.Compare(b, a)));
            }
        }

        // Sorting and re-checking every neighbour proves transitivity over the set.
        var sorted = versions.Order(scheme).ToList();
        for (var k = 0; k + 2 < sorted.Count; k++)
        {
            Assert.True(scheme.Compare(sorted[k], sorted[k + 2]) <= 0, $"{sorted[k]} <= {sorted[k + 2]}");
        }
    }
}
