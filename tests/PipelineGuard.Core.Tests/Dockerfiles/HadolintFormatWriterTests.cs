using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using PipelineGuard.Dockerfiles;
using PipelineGuard.Dockerfiles.Writers;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

/// <summary>
/// hadolint's checkstyle, codeclimate, gitlab_codeclimate, codacy, sonarqube and junit formats, byte for byte. The golden texts were
/// produced independently of these writers (a script following hadolint's formatter specs: keys sorted, JSON escaping
/// of quotes, backslashes and control characters only, XML escaping as hadolint's XML library does it).
/// </summary>
public class HadolintFormatWriterTests
{
    private const string Tricky = "curl -k \"https://x\" <no TLS> & more\nsecond\tline\u0001 \u00e9 \\ end";

    private static readonly DateTimeOffset RunTime = new(2026, 11, 29, 10, 15, 30, TimeSpan.Zero);

    private const string CodeClimateGolden =
        "{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL3007\",\"description\":\"Using latest is prone to errors\",\"location\":{\"lines\":{\"begin\":1,\"end\":1},\"path\":\"app/Dockerfile\"},\"severity\":\"major\",\"type\":\"issue\"}\u0000{\"categories\":[\"Bug Risk\"],\"check_name\":\"PG1003\",\"description\":\"curl -k \\\"https://x\\\" <no TLS> & more\\nsecond\\tline\\u0001 \u00e9 \\\\ end\",\"location\":{\"lines\":{\"begin\":2,\"end\":2},\"path\":\"app/Dockerfile\"},\"severity\":\"blocker\",\"type\":\"issue\"}\u0000{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL3059\",\"description\":\"Multiple consecutive `RUN` instructions.\",\"location\":{\"lines\":{\"begin\":3,\"end\":3},\"path\":\"app/Dockerfile\"},\"severity\":\"info\",\"type\":\"issue\"}\u0000{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL3015\",\"description\":\"Avoid additional packages\",\"location\":{\"lines\":{\"begin\":4,\"end\":4},\"path\":\"app/Dockerfile\"},\"severity\":\"minor\",\"type\":\"issue\"}\u0000{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL1000\",\"description\":\"unknown instruction: FOO\",\"location\":{\"path\":\"bad/Dockerfile\",\"positions\":{\"begin\":{\"column\":3,\"line\":2},\"end\":{\"column\":3,\"line\":2}}},\"severity\":\"blocker\",\"type\":\"issue\"}\u0000";

    private const string CodeClimateGoldenRenamed =
        "{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL3007\",\"description\":\"Using latest is prone to errors\",\"location\":{\"lines\":{\"begin\":1,\"end\":1},\"path\":\"src/Dockerfile\"},\"severity\":\"major\",\"type\":\"issue\"}\u0000{\"categories\":[\"Bug Risk\"],\"check_name\":\"PG1003\",\"description\":\"curl -k \\\"https://x\\\" <no TLS> & more\\nsecond\\tline\\u0001 \u00e9 \\\\ end\",\"location\":{\"lines\":{\"begin\":2,\"end\":2},\"path\":\"src/Dockerfile\"},\"severity\":\"blocker\",\"type\":\"issue\"}\u0000{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL3059\",\"description\":\"Multiple consecutive `RUN` instructions.\",\"location\":{\"lines\":{\"begin\":3,\"end\":3},\"path\":\"src/Dockerfile\"},\"severity\":\"info\",\"type\":\"issue\"}\u0000{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL3015\",\"description\":\"Avoid additional packages\",\"location\":{\"lines\":{\"begin\":4,\"end\":4},\"path\":\"src/Dockerfile\"},\"severity\":\"minor\",\"type\":\"issue\"}\u0000{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL1000\",\"description\":\"unknown instruction: FOO\",\"location\":{\"path\":\"bad/Dockerfile\",\"positions\":{\"begin\":{\"column\":3,\"line\":2},\"end\":{\"column\":3,\"line\":2}}},\"severity\":\"blocker\",\"type\":\"issue\"}\u0000";

    private const string GitlabCodeClimateGolden =
        "[{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL3007\",\"description\":\"Using latest is prone to errors\",\"fingerprint\":\"4ce67ad0b96975adadbad1b7790786160d931c78\",\"location\":{\"lines\":{\"begin\":1,\"end\":1},\"path\":\"app/Dockerfile\"},\"severity\":\"major\",\"type\":\"issue\"},{\"categories\":[\"Bug Risk\"],\"check_name\":\"PG1003\",\"description\":\"curl -k \\\"https://x\\\" <no TLS> & more\\nsecond\\tline\\u0001 \u00e9 \\\\ end\",\"fingerprint\":\"cf0af89a925348924bedd48e7f4a4ca9033b9b09\",\"location\":{\"lines\":{\"begin\":2,\"end\":2},\"path\":\"app/Dockerfile\"},\"severity\":\"blocker\",\"type\":\"issue\"},{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL3059\",\"description\":\"Multiple consecutive `RUN` instructions.\",\"fingerprint\":\"711dd1afa85bbf9381c942310769b9a199c1585e\",\"location\":{\"lines\":{\"begin\":3,\"end\":3},\"path\":\"app/Dockerfile\"},\"severity\":\"info\",\"type\":\"issue\"},{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL3015\",\"description\":\"Avoid additional packages\",\"fingerprint\":\"4e6a020b5d3f564eb27a033d70e3b7da62863ec8\",\"location\":{\"lines\":{\"begin\":4,\"end\":4},\"path\":\"app/Dockerfile\"},\"severity\":\"minor\",\"type\":\"issue\"},{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL1000\",\"description\":\"unknown instruction: FOO\",\"fingerprint\":\"909338cb26a2189565a93a58350e4b3420e5a52f\",\"location\":{\"path\":\"bad/Dockerfile\",\"positions\":{\"begin\":{\"column\":3,\"line\":2},\"end\":{\"column\":3,\"line\":2}}},\"severity\":\"blocker\",\"type\":\"issue\"}]";

    private const string GitlabCodeClimateGoldenRenamed =
        "[{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL3007\",\"description\":\"Using latest is prone to errors\",\"fingerprint\":\"c68ef56c28201006b8a3c99f27c816681ff58026\",\"location\":{\"lines\":{\"begin\":1,\"end\":1},\"path\":\"src/Dockerfile\"},\"severity\":\"major\",\"type\":\"issue\"},{\"categories\":[\"Bug Risk\"],\"check_name\":\"PG1003\",\"description\":\"curl -k \\\"https://x\\\" <no TLS> & more\\nsecond\\tline\\u0001 \u00e9 \\\\ end\",\"fingerprint\":\"618673f1c9680c6446abe44958fc07ef4068e718\",\"location\":{\"lines\":{\"begin\":2,\"end\":2},\"path\":\"src/Dockerfile\"},\"severity\":\"blocker\",\"type\":\"issue\"},{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL3059\",\"description\":\"Multiple consecutive `RUN` instructions.\",\"fingerprint\":\"20459f523aed22af27b8bcd1c6f94c83a94adf0a\",\"location\":{\"lines\":{\"begin\":3,\"end\":3},\"path\":\"src/Dockerfile\"},\"severity\":\"info\",\"type\":\"issue\"},{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL3015\",\"description\":\"Avoid additional packages\",\"fingerprint\":\"3911911679946efde5608cf1dd2cce4d20847f8c\",\"location\":{\"lines\":{\"begin\":4,\"end\":4},\"path\":\"src/Dockerfile\"},\"severity\":\"minor\",\"type\":\"issue\"},{\"categories\":[\"Bug Risk\"],\"check_name\":\"DL1000\",\"description\":\"unknown instruction: FOO\",\"fingerprint\":\"909338cb26a2189565a93a58350e4b3420e5a52f\",\"location\":{\"path\":\"bad/Dockerfile\",\"positions\":{\"begin\":{\"column\":3,\"line\":2},\"end\":{\"column\":3,\"line\":2}}},\"severity\":\"blocker\",\"type\":\"issue\"}]";

    private const string SonarQubeGolden =
        "{\"issues\":[{\"engineId\":\"PipelineGuard\",\"primaryLocation\":{\"filePath\":\"app/Dockerfile\",\"message\":\"Using latest is prone to errors\",\"textRange\":{\"endColumn\":1,\"endLine\":1,\"startColumn\":0,\"startLine\":1}},\"ruleId\":\"DL3007\",\"severity\":\"MAJOR\",\"type\":\"CODE_SMELL\"},{\"engineId\":\"PipelineGuard\",\"primaryLocation\":{\"filePath\":\"app/Dockerfile\",\"message\":\"curl -k \\\"https://x\\\" <no TLS> & more\\nsecond\\tline\\u0001 \u00e9 \\\\ end\",\"textRange\":{\"endColumn\":1,\"endLine\":2,\"startColumn\":0,\"startLine\":2}},\"ruleId\":\"PG1003\",\"severity\":\"CRITICAL\",\"type\":\"BUG\"},{\"engineId\":\"PipelineGuard\",\"primaryLocation\":{\"filePath\":\"app/Dockerfile\",\"message\":\"Multiple consecutive `RUN` instructions.\",\"textRange\":{\"endColumn\":1,\"endLine\":3,\"startColumn\":0,\"startLine\":3}},\"ruleId\":\"DL3059\",\"severity\":\"MINOR\",\"type\":\"CODE_SMELL\"},{\"engineId\":\"PipelineGuard\",\"primaryLocation\":{\"filePath\":\"app/Dockerfile\",\"message\":\"Avoid additional packages\",\"textRange\":{\"endColumn\":1,\"endLine\":4,\"startColumn\":0,\"startLine\":4}},\"ruleId\":\"DL3015\",\"severity\":\"INFO\",\"type\":\"CODE_SMELL\"},{\"engineId\":\"PipelineGuard\",\"primaryLocation\":{\"filePath\":\"bad/Dockerfile\",\"message\":\"unknown instruction: FOO\",\"textRange\":{\"endColumn\":3,\"endLine\":2,\"startColumn\":3,\"startLine\":2}},\"ruleId\":\"DL1000\",\"severity\":\"BLOCKER\",\"type\":\"BUG\"}]}";

    private const string SonarQubeGoldenRenamed =
        "{\"issues\":[{\"engineId\":\"PipelineGuard\",\"primaryLocation\":{\"filePath\":\"src/Dockerfile\",\"message\":\"Using latest is prone to errors\",\"textRange\":{\"endColumn\":1,\"endLine\":1,\"startColumn\":0,\"startLine\":1}},\"ruleId\":\"DL3007\",\"severity\":\"MAJOR\",\"type\":\"CODE_SMELL\"},{\"engineId\":\"PipelineGuard\",\"primaryLocation\":{\"filePath\":\"src/Dockerfile\",\"message\":\"curl -k \\\"https://x\\\" <no TLS> & more\\nsecond\\tline\\u0001 \u00e9 \\\\ end\",\"textRange\":{\"endColumn\":1,\"endLine\":2,\"startColumn\":0,\"startLine\":2}},\"ruleId\":\"PG1003\",\"severity\":\"CRITICAL\",\"type\":\"BUG\"},{\"engineId\":\"PipelineGuard\",\"primaryLocation\":{\"filePath\":\"src/Dockerfile\",\"message\":\"Multiple consecutive `RUN` instructions.\",\"textRange\":{\"endColumn\":1,\"endLine\":3,\"startColumn\":0,\"startLine\":3}},\"ruleId\":\"DL3059\",\"severity\":\"MINOR\",\"type\":\"CODE_SMELL\"},{\"engineId\":\"PipelineGuard\",\"primaryLocation\":{\"filePath\":\"src/Dockerfile\",\"message\":\"Avoid additional packages\",\"textRange\":{\"endColumn\":1,\"endLine\":4,\"startColumn\":0,\"startLine\":4}},\"ruleId\":\"DL3015\",\"severity\":\"INFO\",\"type\":\"CODE_SMELL\"},{\"engineId\":\"PipelineGuard\",\"primaryLocation\":{\"filePath\":\"src/Dockerfile\",\"message\":\"unknown instruction: FOO\",\"textRange\":{\"endColumn\":3,\"endLine\":2,\"startColumn\":3,\"startLine\":2}},\"ruleId\":\"DL1000\",\"severity\":\"BLOCKER\",\"type\":\"BUG\"}]}";

    private const string JUnitGolden =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><testsuites id=\"20261129_101530\" name=\"PipelineGuard run at 2026-11-29 10:15:30\" time=\"0.001\"><testsuite errors=\"0\" failures=\"4\" id=\"pipelineguard\" name=\"PipelineGuard {V}\" time=\"0.001\"><testcase id=\"pipelineguard.rule.DL3007\" time=\"0.001\"><failure id=\"DL3007\" message=\"Using latest is prone to errors\" type=\"warning\">File: app/Dockerfile\nLine: 1\nCategory: PipelineGuard - Dockerfile Static Analysis\nwarning: Using latest is prone to errors\n</failure></testcase><testcase id=\"pipelineguard.rule.PG1003\" time=\"0.001\"><failure id=\"PG1003\" message=\"curl -k &quot;https://x&quot; &lt;no TLS> &amp; more\nsecond\tline\ufffd \u00e9 \\ end\" type=\"error\">File: app/Dockerfile\nLine: 2\nCategory: PipelineGuard - Dockerfile Static Analysis\nerror: curl -k \"https://x\" &lt;no TLS&gt; &amp; more\nsecond\tline\ufffd \u00e9 \\ end\n</failure></testcase><testcase id=\"pipelineguard.rule.DL3059\" time=\"0.001\"><failure id=\"DL3059\" message=\"Multiple consecutive `RUN` instructions.\" type=\"info\">File: app/Dockerfile\nLine: 3\nCategory: PipelineGuard - Dockerfile Static Analysis\ninfo: Multiple consecutive `RUN` instructions.\n</failure></testcase><testcase id=\"pipelineguard.rule.DL3015\" time=\"0.001\"><failure id=\"DL3015\" message=\"Avoid additional packages\" type=\"style\">File: app/Dockerfile\nLine: 4\nCategory: PipelineGuard - Dockerfile Static Analysis\nstyle: Avoid additional packages\n</failure></testcase></testsuite><testsuite errors=\"1\" failures=\"1\" id=\"pipelineguard\" name=\"PipelineGuard {V}\" time=\"0.001\"><testcase id=\"pipelineguard.error\" name=\"DL1000\" time=\"0.001\"><failure message=\"parse error at line 2, column 3\" type=\"error\">Parse Error in bad/Dockerfile\nLine: 2\nColumn: 3\nParse Error: unknown instruction: FOO\n</failure></testcase></testsuite><testsuite errors=\"0\" failures=\"0\" id=\"pipelineguard\" name=\"PipelineGuard {V}\" time=\"0.001\"/></testsuites>";

    private const string JUnitGoldenRenamed =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><testsuites id=\"20261129_101530\" name=\"PipelineGuard run at 2026-11-29 10:15:30\" time=\"0.001\"><testsuite errors=\"0\" failures=\"4\" id=\"pipelineguard\" name=\"PipelineGuard {V}\" time=\"0.001\"><testcase id=\"pipelineguard.rule.DL3007\" time=\"0.001\"><failure id=\"DL3007\" message=\"Using latest is prone to errors\" type=\"warning\">File: src/Dockerfile\nLine: 1\nCategory: PipelineGuard - Dockerfile Static Analysis\nwarning: Using latest is prone to errors\n</failure></testcase><testcase id=\"pipelineguard.rule.PG1003\" time=\"0.001\"><failure id=\"PG1003\" message=\"curl -k &quot;https://x&quot; &lt;no TLS> &amp; more\nsecond\tline\ufffd \u00e9 \\ end\" type=\"error\">File: src/Dockerfile\nLine: 2\nCategory: PipelineGuard - Dockerfile Static Analysis\nerror: curl -k \"https://x\" &lt;no TLS&gt; &amp; more\nsecond\tline\ufffd \u00e9 \\ end\n</failure></testcase><testcase id=\"pipelineguard.rule.DL3059\" time=\"0.001\"><failure id=\"DL3059\" message=\"Multiple consecutive `RUN` instructions.\" type=\"info\">File: src/Dockerfile\nLine: 3\nCategory: PipelineGuard - Dockerfile Static Analysis\ninfo: Multiple consecutive `RUN` instructions.\n</failure></testcase><testcase id=\"pipelineguard.rule.DL3015\" time=\"0.001\"><failure id=\"DL3015\" message=\"Avoid additional packages\" type=\"style\">File: src/Dockerfile\nLine: 4\nCategory: PipelineGuard - Dockerfile Static Analysis\nstyle: Avoid additional packages\n</failure></testcase></testsuite><testsuite errors=\"1\" failures=\"1\" id=\"pipelineguard\" name=\"PipelineGuard {V}\" time=\"0.001\"><testcase id=\"pipelineguard.error\" name=\"DL1000\" time=\"0.001\"><failure message=\"parse error at line 2, column 3\" type=\"error\">Parse Error in src/Dockerfile\nLine: 2\nColumn: 3\nParse Error: unknown instruction: FOO\n</failure></testcase></testsuite><testsuite errors=\"0\" failures=\"0\" id=\"pipelineguard\" name=\"PipelineGuard {V}\" time=\"0.001\"/></testsuites>";

    private const string CheckstyleGolden =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><checkstyle version=\"4.3\"><file name=\"app/Dockerfile\"><error column=\"1\" line=\"1\" message=\"Using latest is prone to errors\" severity=\"warning\" source=\"DL3007\"/><error column=\"16\" line=\"2\" message=\"curl -k &quot;https://x&quot; &lt;no TLS> &amp; more\nsecond\tline\ufffd \u00e9 \\ end\" severity=\"error\" source=\"PG1003\"/><error column=\"1\" line=\"3\" message=\"Multiple consecutive `RUN` instructions.\" severity=\"info\" source=\"DL3059\"/><error column=\"1\" line=\"4\" message=\"Avoid additional packages\" severity=\"style\" source=\"DL3015\"/></file><file name=\"bad/Dockerfile\"><error column=\"3\" line=\"2\" message=\"unknown instruction: FOO\" severity=\"error\"/></file></checkstyle>";

    private const string CheckstyleGoldenRenamed =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><checkstyle version=\"4.3\"><file name=\"src/Dockerfile\"><error column=\"1\" line=\"1\" message=\"Using latest is prone to errors\" severity=\"warning\" source=\"DL3007\"/><error column=\"16\" line=\"2\" message=\"curl -k &quot;https://x&quot; &lt;no TLS> &amp; more\nsecond\tline\ufffd \u00e9 \\ end\" severity=\"error\" source=\"PG1003\"/><error column=\"1\" line=\"3\" message=\"Multiple consecutive `RUN` instructions.\" severity=\"info\" source=\"DL3059\"/><error column=\"1\" line=\"4\" message=\"Avoid additional packages\" severity=\"style\" source=\"DL3015\"/></file><file name=\"src/Dockerfile\"><error column=\"3\" line=\"2\" message=\"unknown instruction: FOO\" severity=\"error\"/></file></checkstyle>";

    private const string CodacyGolden =
        "{\"filename\":\"app/Dockerfile\",\"line\":1,\"message\":\"Using latest is prone to errors\",\"patternId\":\"DL3007\"}\n{\"filename\":\"app/Dockerfile\",\"line\":2,\"message\":\"curl -k \\\"https://x\\\" <no TLS> & more\\nsecond\\tline\\u0001 \u00e9 \\\\ end\",\"patternId\":\"PG1003\"}\n{\"filename\":\"app/Dockerfile\",\"line\":3,\"message\":\"Multiple consecutive `RUN` instructions.\",\"patternId\":\"DL3059\"}\n{\"filename\":\"app/Dockerfile\",\"line\":4,\"message\":\"Avoid additional packages\",\"patternId\":\"DL3015\"}\n{\"filename\":\"bad/Dockerfile\",\"line\":2,\"message\":\"unknown instruction: FOO\",\"patternId\":\"DL1000\"}\n";

    private static LintFinding Finding(string file, string code, LintSeverity severity, string message, int line, int column) =>
        new(code, severity, message, file, line, column, new SourceSpan(0, 1, line, column, line, column + 1));

    private static IReadOnlyList<LintResult> Results() =>
    [
        new LintResult("app/Dockerfile",
        [
            Finding("app/Dockerfile", "DL3007", LintSeverity.Warning, "Using latest is prone to errors", 1, 1),
            Finding("app/Dockerfile", "PG1003", LintSeverity.Error, Tricky, 2, 16),
            Finding("app/Dockerfile", "DL3059", LintSeverity.Info, "Multiple consecutive `RUN` instructions.", 3, 1),
            Finding("app/Dockerfile", "DL3015", LintSeverity.Style, "Avoid additional packages", 4, 1),
        ], []),
        new LintResult("bad/Dockerfile", [Finding("bad/Dockerfile", "DL1000", LintSeverity.Error, "unknown instruction: FOO", 2, 3)], []),
        new LintResult("empty/Dockerfile", [], []),
    ];

    private static string Write(LintOutputFormat format, string? filePathInReport = null, IReadOnlyList<LintResult>? results = null)
    {
        using var writer = new StringWriter();
        LintReportWriter.Write(format, results ?? Results(), writer, filePathInReport: filePathInReport, timestamp: RunTime);
        return writer.ToString();
    }

    private static string WithVersion(string golden) => golden.Replace("{V}", PipelineGuardInfo.ShortVersion, StringComparison.Ordinal);

    [Theory]
    [InlineData("codeclimate", CodeClimateGolden, CodeClimateGoldenRenamed)]
    [InlineData("gitlab_codeclimate", GitlabCodeClimateGolden, GitlabCodeClimateGoldenRenamed)]
    [InlineData("sonarqube", SonarQubeGolden, SonarQubeGoldenRenamed)]
    [InlineData("junit", JUnitGolden, JUnitGoldenRenamed)]
    [InlineData("codacy", CodacyGolden, CodacyGolden)]
    [InlineData("checkstyle", CheckstyleGolden, CheckstyleGoldenRenamed)]
    public void Output_is_hadolints_byte_for_byte(string name, string golden, string renamed)
    {
        Assert.True(LintOutputFormatNames.TryParse(name, out var format));
        Assert.Equal(WithVersion(golden), Write(format));
        Assert.Equal(WithVersion(renamed), Write(format, filePathInReport: "src/Dockerfile"));
    }

    [Fact]
    public void Codeclimate_is_one_issue_object_per_finding_each_followed_by_a_nul()
    {
        var output = Write(LintOutputFormat.CodeClimate);
        Assert.EndsWith("\0", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', output);
        var issues = output.TrimEnd('\0').Split('\0');
        Assert.Equal(5, issues.Length);
        foreach (var text in issues)
        {
            using var issue = JsonDocument.Parse(text);
            Assert.Equal(["categories", "check_name", "description", "location", "severity", "type"], issue.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("issue", issue.RootElement.GetProperty("type").GetString());
            Assert.Contains(issue.RootElement.GetProperty("severity").GetString(), new[] { "blocker", "major", "info", "minor" });
        }

        using var tricky = JsonDocument.Parse(issues[1]);
        Assert.Equal(Tricky, tricky.RootElement.GetProperty("description").GetString());
        using var parseError = JsonDocument.Parse(issues[4]);
        var position = parseError.RootElement.GetProperty("location").GetProperty("positions").GetProperty("begin");
        Assert.Equal(2, position.GetProperty("line").GetInt32());
        Assert.Equal(3, position.GetProperty("column").GetInt32());
        Assert.Equal(string.Empty, Write(LintOutputFormat.CodeClimate, results: [new LintResult("Dockerfile", [], [])]));
    }

    [Fact]
    public void Gitlab_fingerprints_are_the_sha1_of_the_codeclimate_issue()
    {
        var codeclimate = Write(LintOutputFormat.CodeClimate, "src/Dockerfile").TrimEnd('\0').Split('\0');
        using var gitlab = JsonDocument.Parse(Write(LintOutputFormat.GitlabCodeClimate, "src/Dockerfile"));
        var issues = gitlab.RootElement.EnumerateArray().ToList();
        Assert.Equal(codeclimate.Length, issues.Count);
        for (var i = 0; i < issues.Count; i++)
        {
#pragma warning disable CA5350 // hadolint's fingerprint is SHA-1.
            var expected = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(codeclimate[i]))).ToLowerInvariant();
#pragma warning restore CA5350
            Assert.Equal(expected, issues[i].GetProperty("fingerprint").GetString());
        }

        Assert.Equal(issues.Count, issues.Select(i => i.GetProperty("fingerprint").GetString()).Distinct().Count());
        Assert.Equal("[]", Write(LintOutputFormat.GitlabCodeClimate, results: []));
    }

    [Fact]
    public void Sonarqube_issues_carry_what_the_generic_issue_import_requires()
    {
        using var document = JsonDocument.Parse(Write(LintOutputFormat.SonarQube));
        Assert.Equal(["issues"], document.RootElement.EnumerateObject().Select(p => p.Name));
        var issues = document.RootElement.GetProperty("issues").EnumerateArray().ToList();
        Assert.Equal(5, issues.Count);
        foreach (var issue in issues)
        {
            Assert.Equal("PipelineGuard", issue.GetProperty("engineId").GetString());
            Assert.Matches("^(DL|PG)[0-9]{4}$", issue.GetProperty("ruleId").GetString());
            Assert.Contains(issue.GetProperty("severity").GetString(), new[] { "BLOCKER", "CRITICAL", "MAJOR", "MINOR", "INFO" });
            Assert.Contains(issue.GetProperty("type").GetString(), new[] { "BUG", "VULNERABILITY", "CODE_SMELL" });
            var location = issue.GetProperty("primaryLocation");
            Assert.False(string.IsNullOrEmpty(location.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrEmpty(location.GetProperty("filePath").GetString()));
            Assert.True(location.GetProperty("textRange").GetProperty("startLine").GetInt32() >= 1);
        }

        Assert.Equal(Tricky, issues[1].GetProperty("primaryLocation").GetProperty("message").GetString());
        Assert.Equal("{\"issues\":[]}", Write(LintOutputFormat.SonarQube, results: []));
    }

    [Fact]
    public void Codacy_is_a_json_object_per_line_and_keeps_the_real_path()
    {
        var lines = Write(LintOutputFormat.Codacy, "src/Dockerfile").Split('\n');
        Assert.Equal(6, lines.Length);
        Assert.Equal(string.Empty, lines[^1]);
        foreach (var line in lines[..^1])
        {
            using var result = JsonDocument.Parse(line);
            Assert.Equal(["filename", "line", "message", "patternId"], result.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.NotEqual("src/Dockerfile", result.RootElement.GetProperty("filename").GetString());
        }
    }

    [Fact]
    public void Json_escaping_is_hadolints_for_every_control_character()
    {
        var message = "bs\b ff\f del\u007f nul\0 us\u001f lone\ud800 pair\ud83d\ude00 </script> 'q'";
        var output = Write(LintOutputFormat.Codacy, results: [new LintResult("a\"b\\c", [Finding("a\"b\\c", "DL3000", LintSeverity.Error, message, 1, 1)], [])]);
        Assert.Equal("{\"filename\":\"a\\\"b\\\\c\",\"line\":1,\"message\":\"bs\\u0008 ff\\u000c del\u007f nul\\u0000 us\\u001f lone\ufffd pair\ud83d\ude00 </script> 'q'\",\"patternId\":\"DL3000\"}\n", output);
    }

    [Fact]
    public void Junit_parses_to_one_suite_per_file_and_one_failure_per_finding()
    {
        var document = XDocument.Parse(Write(LintOutputFormat.JUnit));
        var suites = document.Root!.Elements("testsuite").ToList();
        Assert.Equal(3, suites.Count);
        Assert.Equal(["4", "1", "0"], suites.Select(s => s.Attribute("failures")!.Value));
        Assert.Equal(["0", "1", "0"], suites.Select(s => s.Attribute("errors")!.Value));
        Assert.All(suites, s => Assert.Equal(int.Parse(s.Attribute("failures")!.Value, System.Globalization.CultureInfo.InvariantCulture), s.Elements("testcase").Count()));
        var tricky = suites[0].Elements("testcase").Single(c => c.Attribute("id")!.Value == "pipelineguard.rule.PG1003").Element("failure")!;

        // Attribute values are normalised by XML readers (newline and tab read as spaces); text keeps them.
        Assert.Equal(Tricky.Replace('\n', ' ').Replace('\t', ' ').Replace('\u0001', '\ufffd'), tricky.Attribute("message")!.Value);
        Assert.Equal("error", tricky.Attribute("type")!.Value);
        Assert.EndsWith("error: " + Tricky.Replace('\u0001', '\ufffd') + "\n", tricky.Value, StringComparison.Ordinal);
        Assert.Equal("20261129_101530", document.Root!.Attribute("id")!.Value);
        var empty = Write(LintOutputFormat.JUnit, results: []);
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><testsuites id=\"20261129_101530\" name=\"PipelineGuard run at 2026-11-29 10:15:30\" time=\"0.001\"/>", empty);
    }

    [Fact]
    public void Every_format_of_a_real_lint_run_parses()
    {
        IReadOnlyList<LintResult> results = [DockerfileLinter.Lint("FROM debian:latest\nRUN cd /tmp && curl -k https://x | sh\nLABEL a=\"<&>\"\nUSER 1000\n", "app/Dockerfile", LintConfiguration.Default)];
        var count = results[0].Findings.Count;
        Assert.True(count >= 3);
        Assert.Equal(count, Write(LintOutputFormat.CodeClimate, results: results).Count(c => c == '\0'));
        using (var gitlab = JsonDocument.Parse(Write(LintOutputFormat.GitlabCodeClimate, results: results)))
        {
            Assert.Equal(count, gitlab.RootElement.GetArrayLength());
        }

        using (var sonar = JsonDocument.Parse(Write(LintOutputFormat.SonarQube, results: results)))
        {
            Assert.Equal(count, sonar.RootElement.GetProperty("issues").GetArrayLength());
        }

        Assert.Equal(count, Write(LintOutputFormat.Codacy, results: results).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(count, XDocument.Parse(Write(LintOutputFormat.JUnit, results: results)).Descendants("failure").Count());
        Assert.Equal(count, XDocument.Parse(Write(LintOutputFormat.Checkstyle, results: results)).Descendants("error").Count());
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><checkstyle version=\"4.3\"/>", Write(LintOutputFormat.Checkstyle, results: [new LintResult("Dockerfile", [], [])]));
    }

    [Fact]
    public void Format_names_are_hadolints_and_codeclimate_is_its_own_format()
    {
        foreach (var name in LintOutputFormatNames.All)
        {
            Assert.True(LintOutputFormatNames.TryParse(name, out var format), name);
            Assert.Equal(name, format.ToName());
        }

        Assert.Equal(11, LintOutputFormatNames.All.Distinct().Count());
        Assert.True(LintOutputFormatNames.TryParse("CodeClimate", out var codeclimate));
        Assert.Equal(LintOutputFormat.CodeClimate, codeclimate);
        Assert.False(LintOutputFormatNames.TryParse("gitlab_codequality", out _));
        var renaming = Enum.GetValues<LintOutputFormat>().Where(f => f.UsesFilePathInReport()).Select(f => f.ToName()).Order(StringComparer.Ordinal);
        Assert.Equal(["checkstyle", "codeclimate", "gitlab_codeclimate", "junit", "sonarqube"], renaming);
    }
}
