using PipelineGuard.Dockerfiles;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

/// <summary>Constructs BuildKit's instruction parser rejects are DL1000 at their line; what it accepts is not.</summary>
public class BuildKitParseErrorTests
{
    [Theory]
    [InlineData("FROM debian:12\nRUN --foo true\n", 2, "unknown flag: --foo")]
    [InlineData("FROM debian:12\nCOPY --user=app a /b\n", 2, "unknown flag: --user")]
    [InlineData("FROM debian:12 AS build\nFROM debian:12\nCOPY --from build /a /b\n", 3, "missing a value on flag: --from")]
    [InlineData("FROM debian:12\nCOPY a\n", 2, "requires at least two arguments")]
    [InlineData("FROM debian:12\nADD https://example.com/a.tgz\n", 2, "requires at least two arguments")]
    [InlineData("FROM debian:12\nLABEL a\n", 2, "LABEL must have two arguments")]
    [InlineData("FROM debian:12 AS 1bad\n", 1, "invalid name for build stage")]
    [InlineData("FROM debian:12\nRUN --network=foo true\n", 2, "unsupported network mode")]
    public void Rejected_construct_is_DL1000_at_its_line(string dockerfile, int line, string message)
    {
        var findings = DockerfileLinter.Lint(dockerfile, "Dockerfile", LintConfiguration.Default).Findings;
        Assert.Contains(findings, f => f.Code == "DL1000" && f.Line == line && f.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("FROM debian:12 AS build-1.x_y\nRUN --network=none --mount=type=cache,target=/c true\nRUN --network=$NET true\n")]
    [InlineData("FROM debian:12 AS b\nFROM debian:12\nCOPY --from=b --link --chmod=644 --parents a /b/\nADD --checksum=sha256:0123 --keep-git-dir https://e/x.tgz /x\n")]
    [InlineData("FROM debian:12\nLABEL a=b \"c d\"=e\nLABEL legacy value with spaces\nCOPY <<EOF /etc/x\nhi\nEOF\n")]
    [InlineData("FROM debian:12\nHEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 CMD true\n")]
    public void Accepted_construct_is_not_DL1000(string dockerfile)
    {
        var findings = DockerfileLinter.Lint(dockerfile, "Dockerfile", LintConfiguration.Default).Findings;
        Assert.DoesNotContain(findings, f => f.Code == "DL1000");
    }
}
