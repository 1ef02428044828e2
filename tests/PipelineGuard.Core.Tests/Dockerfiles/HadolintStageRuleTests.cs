using PipelineGuard.Dockerfiles;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

/// <summary>
/// DL3009, DL3049 and DL3054 as hadolint decides them: which stages DL3009 and DL3049 report, and which label values
/// DL3054 accepts. Each case is written from hadolint's rule and its specification of the rule.
/// </summary>
public class HadolintStageRuleTests
{
    private const string NoCleanup = "RUN apt-get update && apt-get install -y --no-install-recommends python3=3.11\n";

    private static int[] LinesOf(string code, string dockerfile, LintConfiguration? configuration = null) =>
        DockerfileLinter.Lint(dockerfile, "Dockerfile", configuration ?? LintConfiguration.Default).Findings
            .Where(f => f.Code == code).Select(f => f.Line).ToArray();

    [Theory]
    [InlineData("single stage", "FROM debian:12\n" + NoCleanup, new[] { 2 })]
    [InlineData("the last stage", "FROM debian:12 AS foo\nRUN true\nFROM scratch\n" + NoCleanup, new[] { 4 })]
    [InlineData("a stage the next stage is built FROM", "FROM debian:12 AS foo\n" + NoCleanup + "FROM foo\nRUN true\n", new[] { 2 })]
    [InlineData("a stage only used by COPY --from", "FROM debian:12 AS build\n" + NoCleanup + "FROM debian:12-slim\nCOPY --from=build /a /a\n", new int[0])]
    [InlineData("a stage never used", "FROM debian:12 AS foo\n" + NoCleanup + "FROM scratch\nRUN true\n", new int[0])]
    [InlineData("an unnamed earlier stage", "FROM debian:12\n" + NoCleanup + "FROM debian:12-slim\n", new int[0])]
    [InlineData("an earlier stage whose FROM equals the last FROM", "FROM debian:12\n" + NoCleanup + "FROM debian:12\n", new[] { 2 })]
    [InlineData("an alias used by a FROM before it", "FROM base AS tools\nFROM debian:12 AS base\n" + NoCleanup + "FROM debian:12-slim\n", new[] { 3 })]
    [InlineData("an alias named in a FROM with a tag", "FROM debian:12 AS foo\n" + NoCleanup + "FROM foo:1 AS other\nFROM scratch\n", new[] { 2 })]
    [InlineData("an alias after a registry host", "FROM debian:12 AS foo\n" + NoCleanup + "FROM registry.example.com/foo\nFROM scratch\n", new[] { 2 })]
    [InlineData("a grandparent through a chain of aliases", "FROM debian:12 AS a\n" + NoCleanup + "FROM a AS b\nFROM b\n", new[] { 2 })]
    [InlineData("a RUN before any FROM when the last FROM is scratch", NoCleanup + "FROM scratch\n", new[] { 1 })]
    [InlineData("a RUN before any FROM when the last FROM is an image", NoCleanup + "FROM debian:12\n", new int[0])]
    [InlineData("a file without FROM", NoCleanup, new[] { 1 })]
    [InlineData("an ONBUILD RUN in an unused stage", "FROM debian:12 AS foo\nONBUILD " + NoCleanup + "FROM scratch\n", new[] { 2 })]
    public void DL3009_reports_the_stages_hadolint_reports(string because, string dockerfile, int[] lines)
    {
        Assert.True(lines.SequenceEqual(LinesOf("DL3009", dockerfile)), $"{because}: expected [{string.Join(',', lines)}], got [{string.Join(',', LinesOf("DL3009", dockerfile))}]");
    }

    [Theory]
    [InlineData("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends x=1 && rm -rf /var/lib/apt/lists/*\n", false)]
    [InlineData("FROM debian:12\nRUN apt-get update && rm -rf /tmp/build\n", false)]
    [InlineData("FROM debian:12\nRUN apt-get update && rm /var/lib/apt/lists/*\n", false)]
    [InlineData("FROM debian:12\nRUN apt-get update && rm -r /var/lib/apt/lists\n", true)]
    [InlineData("FROM debian:12\nRUN apt-get install -y --no-install-recommends x=1\n", false)]
    [InlineData("FROM debian:12\nRUN apt-get update\n", true)]
    [InlineData("FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n", false)]
    [InlineData("FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update\n", false)]
    [InlineData("FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\n", true)]
    [InlineData("FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n", true)]
    public void DL3009_fires_on_apt_get_update_without_the_clean_up_hadolint_accepts(string dockerfile, bool fires)
    {
        Assert.Equal(fires, LinesOf("DL3009", dockerfile).Length > 0);
    }

    private static readonly LintConfiguration FooLabel = LintConfiguration.Default with { LabelSchema = new Dictionary<string, string> { ["foo"] = "text" } };

    [Theory]
    [InlineData("single stage, no label", "FROM baseimage\n", new[] { 1 })]
    [InlineData("single stage, wrong label", "FROM baseimage\nLABEL bar=\"baz\"\n", new[] { 1 })]
    [InlineData("single stage, label present", "FROM baseimage\nLABEL foo=\"bar\"\n", new int[0])]
    [InlineData("two stages, no labels", "FROM stage1\nFROM stage2\n", new[] { 1, 2 })]
    [InlineData("two stages, label in the first only", "FROM baseimage\nLABEL foo=\"bar\"\nFROM newimage\n", new[] { 3 })]
    [InlineData("two stages, label in the second only", "FROM baseimage\nFROM newimage\nLABEL foo=\"bar\"\n", new[] { 1 })]
    [InlineData("inheritance, no labels", "FROM baseimage AS base\nFROM base\n", new[] { 1, 2 })]
    [InlineData("inheritance, label in the first stage", "FROM baseimage AS base\nLABEL foo=\"bar\"\nFROM base\n", new int[0])]
    [InlineData("inheritance, label in the second stage lets the first off", "FROM baseimage AS base\nFROM base\nLABEL foo=\"bar\"\n", new int[0])]
    [InlineData("COPY --from lets the stage off", "FROM baseimage AS base\nFROM anotherimage\nLABEL foo=\"bar\"\nCOPY --from=base /bar /baz\n", new int[0])]
    [InlineData("no connection between the stages", "FROM baseimage AS base\nFROM anotherimage\nLABEL foo=\"bar\"\n", new[] { 1 })]
    [InlineData("several results, one without the label", "FROM baseimage AS base\nFROM newimage\nLABEL foo=\"bar\"\nCOPY --from=base /bar /baz\nFROM newimage\nCOPY --from=base /bar /baz\n", new[] { 5 })]
    [InlineData("several results built FROM the alias, label in the first", "FROM baseimage AS base\nFROM base\nLABEL foo=\"bar\"\nFROM base\n", new[] { 4 })]
    [InlineData("several results built FROM the alias, label in the last", "FROM baseimage AS base\nFROM base\nFROM base\nLABEL foo=\"bar\"\n", new[] { 2 })]
    [InlineData("ONBUILD LABEL does not count", "FROM baseimage\nONBUILD LABEL foo=\"bar\"\n", new[] { 1 })]
    [InlineData("COPY --from before the stage exists does not count", "FROM a AS one\nLABEL foo=1\nCOPY --from=two /x /x\nFROM b AS two\n", new[] { 4 })]
    public void DL3049_reports_the_stages_hadolint_reports(string because, string dockerfile, int[] lines)
    {
        var actual = LinesOf("DL3049", dockerfile, FooLabel);
        Assert.True(lines.SequenceEqual(actual), $"{because}: expected [{string.Join(',', lines)}], got [{string.Join(',', actual)}]");
    }

    [Fact]
    public void DL3049_reports_each_missing_label_at_the_stage_FROM()
    {
        var configuration = LintConfiguration.Default with { LabelSchema = new Dictionary<string, string> { ["b"] = "text", ["a"] = "text" } };
        var findings = DockerfileLinter.Lint("FROM x AS one\nLABEL a=1\nFROM y\nLABEL b=2\n", "D", configuration).Findings.Where(f => f.Code == "DL3049").ToList();
        Assert.Equal(["1:Label `b` is missing.", "3:Label `a` is missing."], findings.Select(f => $"{f.Line}:{f.Message}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("MIT", true)]
    [InlineData("Apache-2.0", true)]
    [InlineData("BSD-3-Clause", true)]
    [InlineData("GPL-3.0-only", true)]
    [InlineData("0BSD", true)]
    [InlineData("CC-BY-NC-SA-4.0", true)]
    [InlineData("MIT ", true)]
    [InlineData(" MIT", false)]
    [InlineData("mit", false)]
    [InlineData("apache-2.0", false)]
    [InlineData("MIT OR Apache-2.0", false)]
    [InlineData("(MIT)", false)]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0", false)]
    [InlineData("Classpath-exception-2.0", false)]
    [InlineData("LLVM-exception", false)]
    [InlineData("GPL-2.0", false)]
    [InlineData("GPL-2.0+", false)]
    [InlineData("LGPL-2.1", false)]
    [InlineData("wxWindows", false)]
    [InlineData("Apache-2.0+", false)]
    [InlineData("LicenseRef-Proprietary", false)]
    [InlineData("not-spdx", false)]
    [InlineData("", false)]
    public void DL3054_accepts_one_current_SPDX_licence_id_spelt_as_the_list_spells_it(string value, bool valid)
    {
        var configuration = LintConfiguration.Default with { LabelSchema = new Dictionary<string, string> { ["license"] = "spdx" } };
        var fired = LinesOf("DL3054", $"FROM debian:12\nLABEL license=\"{value}\"\n", configuration).Length > 0;
        Assert.Equal(!valid, fired);
    }

    [Fact]
    public void DL3054_knows_the_whole_embedded_SPDX_list_not_just_common_ids()
    {
        var configuration = LintConfiguration.Default with { LabelSchema = new Dictionary<string, string> { ["license"] = "spdx" } };
        foreach (var id in new[] { "Zimbra-1.4", "xzoom", "Xerox", "TU-Berlin-2.0", "Sendmail-8.23", "OGL-UK-3.0" })
        {
            Assert.Empty(LinesOf("DL3054", $"FROM debian:12\nLABEL license={id}\n", configuration));
        }

        Assert.Empty(LinesOf("DL3054", "FROM debian:12\nLABEL other=not-spdx\n", configuration));
        Assert.Equal([2], LinesOf("DL3054", "FROM debian:12\nONBUILD LABEL license=not-spdx\n", configuration));
        Assert.Equal("Label `license` is not a valid SPDX identifier.", DockerfileLinter.Lint("FROM debian:12\nLABEL license=x\n", "D", configuration).Findings.Single(f => f.Code == "DL3054").Message);
    }
}
