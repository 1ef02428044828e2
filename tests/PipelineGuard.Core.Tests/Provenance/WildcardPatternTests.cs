using System.Text.RegularExpressions;
using CsCheck;
using PipelineGuard.Provenance;
using Xunit;

namespace PipelineGuard.Core.Tests.Provenance;

public sealed class WildcardPatternTests
{
    [Theory]
    [InlineData("docker.io", "docker.io", true)]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("127.0.0.1:*", "127.0.0.1:5000", true)]
    [InlineData("docker.io/library/*", "docker.io/library/debian", true)]
    [InlineData("docker.io/library/*", "docker.io/library/a/b", false)]
    [InlineData("docker.io/**", "docker.io/library/a/b", true)]
    [InlineData("debian:1?", "debian:12", true)]
    [InlineData("debian:1?", "debian:1", false)]
    [InlineData("", "", true)]
    [InlineData("*", "", true)]
    public void Matches_globs(string pattern, string text, bool expected) => Assert.Equal(expected, WildcardPattern.IsMatch(pattern, text));

    [Theory]
    [InlineData("***", "a/b", true)]
    [InlineData("a*/b", "a/b", true)]
    [InlineData("a**b", "a/x/b", true)]
    [InlineData("A*", "abc", true)]
    [InlineData("?", "/", true)]
    public void Matches_edge_globs(string pattern, string text, bool expected) => Assert.Equal(expected, WildcardPattern.IsMatch(pattern, text));

    [Fact]
    public void Many_stars_against_a_near_miss_do_not_backtrack()
    {
        // A backtracking matcher tries about C(4000, 8) splits here: it would not finish in any lifetime.
        var pattern = "*a*a*a*a*a*a*a*a*b";
        var text = new string('a', 4000);
        Assert.False(WildcardPattern.Match(pattern, text, out var steps));
        Assert.True(steps <= 2L * (pattern.Length + 1) * (text.Length + 1), $"{steps} steps");
        Assert.False(WildcardPattern.IsMatch("**a**a**a**a**a**a**a**a**b", text));
    }

    [Fact]
    public void Agrees_with_a_regular_expression_on_random_globs()
    {
        var gen = Gen.Select(Gen.Char["ab/*?"].Array[0, 10], Gen.Char["ab/"].Array[0, 12]);
        gen.Sample(
            (pattern, text) =>
            {
                var p = new string(pattern);
                var t = new string(text);
                return WildcardPattern.IsMatch(p, t) == Reference(p).IsMatch(t);
            },
            seed: "0N0XIzNsQ0O2",
            iter: 3000);
    }

    private static Regex Reference(string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else
            {
                regex.Append(pattern[i] switch { '*' => "[^/]*", '?' => ".", var c => Regex.Escape(c.ToString()) });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));
    }
}
