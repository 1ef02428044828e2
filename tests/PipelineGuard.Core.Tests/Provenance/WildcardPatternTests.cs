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
}
