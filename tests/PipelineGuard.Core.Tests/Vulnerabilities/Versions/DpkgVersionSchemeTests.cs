using System.Text;
using PipelineGuard.Testing;
using PipelineGuard.Vulnerabilities.Versions;
using Xunit;

namespace PipelineGuard.Core.Tests.Vulnerabilities.Versions;

public class DpkgVersionSchemeTests
{
    private static readonly string[] Upstream = ["0", "1", "2", "9", "10", "01", "00", "a", "b", "z", "A", "Z", "rc", ".", ".", "+", "~", "~~", "-"];
    private static readonly string[] Revision = ["0", "1", "2", "10", "01", "a", "b", "Z", "deb", "u", ".", "+", "~", "~"];

    private static string Version(Random random)
    {
        var builder = new StringBuilder();
        if (random.Next(5) == 0)
        {
            builder.Append(random.Next(4)).Append(':');
        }

        builder.Append(VersionPairs.Pick(random, ["0", "1", "2", "10", "01"]));
        builder.Append(VersionPairs.Join(random, Upstream, 0, 5));
        if (random.Next(3) != 0)
        {
            builder.Append('-').Append(VersionPairs.Pick(random, ["0", "1", "2", "a", "~"])).Append(VersionPairs.Join(random, Revision, 0, 3));
        }

        return builder.ToString();
    }

    [Fact]
    public async Task Agrees_with_dpkg_compare_versions_on_generated_pairs()
    {
        var dpkg = ProcessRunner.Require("dpkg", "install Debian's dpkg");
        var pairs = VersionPairs.Generate(seed: 18, count: 3000, DpkgVersionScheme.Instance, Version);
        var input = string.Join('\n', pairs.Select(p => $"{p.A} {p.B}")) + "\n";

        // One shell reads every pair and asks dpkg twice at most: lt, then eq.
        var script = $"while read a b; do if '{dpkg}' --compare-versions \"$a\" lt \"$b\"; then echo -1; elif '{dpkg}' --compare-versions \"$a\" eq \"$b\"; then echo 0; else echo 1; fi; done";
        var result = await ProcessRunner.RunAsync("sh", ["-c", script], standardInput: input);
        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, result.ToString());
        var answers = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(pairs.Count, answers.Length);
        var disagreements = pairs.Zip(answers)
            .Where(p => Math.Sign(DpkgVersionScheme.Instance.Compare(p.First.A, p.First.B)) != int.Parse(p.Second, System.Globalization.CultureInfo.InvariantCulture))
            .Select(p => $"{p.First.A} vs {p.First.B}: dpkg says {p.Second}")
            .ToList();
        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements.Take(20)));
        Assert.Contains(answers, a => a == "0");
    }

    [Theory]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1.0", "1.0+b1", -1)]
    [InlineData("1:1.0", "2.0", 1)]
    [InlineData("1.0-1", "1.0-1~deb12u1", 1)]
    [InlineData("3.0.11-1~deb12u2", "3.0.11-1~deb12u3", -1)]
    [InlineData("1.0", "1.0-0", 0)]
    [InlineData("1.01", "1.1", 0)]
    [InlineData("1.0a", "1.0+", -1)]
    public void Orders_known_cases(string a, string b, int expected)
        => Assert.Equal(expected, Math.Sign(DpkgVersionScheme.Instance.Compare(a, b)));

    [Theory]
    [InlineData("")]
    [InlineData("a1.0")]
    [InlineData("x:1.0")]
    [InlineData("1.0-")]
    [InlineData("1.0 beta")]
    public void Rejects_what_is_not_a_version(string version) => Assert.NotNull(DpkgVersionScheme.Instance.Validate(version));
}
