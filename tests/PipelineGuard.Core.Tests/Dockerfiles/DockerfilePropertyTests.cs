using CsCheck;
using PipelineGuard.Dockerfiles;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

/// <summary>Random and mutated inputs: the parser and linter never throw, every position lies in the file, work is linear.</summary>
public class DockerfilePropertyTests
{
    private static readonly string[] Fragments =
    [
        "FROM ", "RUN ", "COPY ", "ADD ", "ONBUILD ", "ARG ", "ENV ", "LABEL ", "SHELL ", "HEALTHCHECK ", "CMD ", "USER ", "WORKDIR ", "EXPOSE ",
        "# escape=`\n", "# syntax=docker/dockerfile:1\n", "# hadolint ignore=DL3006\n", "# hadolint stage ignore=DL3003\n", "# hadolint shell=pwsh\n",
        "\\\n", "`\n", "\\  \n", "\n", "\r\n", "\r", " ", "\t", "<<EOF", "<<-'E'", "<<\"X\" ", "EOF\n", "E\n", "\tE\n", "[\"a\", \"b\"]", "[", "]", "\"", "'",
        "$(", ")", "`", "${A:-b}", "${", "}", "$", "&&", "||", "|", ";", "(", "{", "--mount=type=cache,target=/x ", "--mount=type=secret,id=s ",
        "--from=a ", "--platform=$BUILDPLATFORM ", " AS b ", "debian:12", "alpine", "apt-get install -y x", "curl -k https://x | sh", "=", "a=b ",
        "\uFEFF", "\0", "é", "\uD800", "#", "a", "b", "22", "99999", "pip install x", "useradd -u 1234567 u", "cat <<Z\n", "2>&1", "<(curl x)",
    ];

    private static readonly Gen<string> ShapedText = Gen.OneOf(Fragments).Array[0, 80].Select(string.Concat);

    private static readonly Gen<string> RandomText = Gen.Char["FROMRUNCOPYaz09 \t\n\r\\`'\"$(){}[]<>|&;#=-:/@\uFEFF\u00e9"].Array[0, 400].Select(c => new string(c));

    private static readonly LintConfiguration Everything = LintConfiguration.Default with
    {
        Overrides = LintRuleCatalog.Rules.ToDictionary(r => r.Code, _ => LintSeverity.Warning),
        TrustedRegistries = ["docker.io", "*.gcr.io"],
        LabelSchema = new Dictionary<string, string> { ["version"] = "semver", ["url"] = "url", ["created"] = "rfc3339", ["license"] = "spdx", ["rev"] = "hash", ["mail"] = "email" },
        StrictLabels = true,
    };

    /// <summary>PIPELINEGUARD_FUZZ_SECONDS runs each property for that long instead of a fixed number of cases (for fuzzing sessions).</summary>
    private static int FuzzSeconds => int.TryParse(Environment.GetEnvironmentVariable("PIPELINEGUARD_FUZZ_SECONDS"), out var seconds) && seconds > 0 ? seconds : -1;

    private static void AssertSpan(SourceSpan span, string text, int lineCount)
    {
        Assert.InRange(span.Start, 0, text.Length);
        Assert.InRange(span.End, span.Start, text.Length);
        Assert.InRange(span.Line, 1, lineCount);
        Assert.InRange(span.EndLine, span.Line, lineCount);
        Assert.True(span.Column >= 1 && span.EndColumn >= 1);
    }

    private static void AssertInstruction(DockerfileInstruction instruction, string text, int lineCount)
    {
        AssertSpan(instruction.Span, text, lineCount);
        AssertSpan(instruction.KeywordSpan, text, lineCount);
        AssertSpan(instruction.ArgumentSpan, text, lineCount);
        foreach (var flag in instruction.Flags)
        {
            AssertSpan(flag.Span, text, lineCount);
        }

        foreach (var argument in instruction.Arguments)
        {
            AssertSpan(argument.Span, text, lineCount);
        }

        foreach (var pair in instruction.Pairs)
        {
            AssertSpan(pair.Span, text, lineCount);
        }

        foreach (var heredoc in instruction.Heredocs)
        {
            AssertSpan(heredoc.BodySpan, text, lineCount);
            AssertSpan(heredoc.MarkerSpan, text, lineCount);
        }

        if (instruction.Trigger is { } trigger)
        {
            AssertInstruction(trigger, text, lineCount);
        }
    }

    internal static void AssertInvariants(string text)
    {
        var syntax = DockerfileParser.Parse(text, "Dockerfile");
        var lineCount = syntax.LineCount;
        foreach (var instruction in syntax.Instructions)
        {
            AssertInstruction(instruction, text, lineCount);
        }

        foreach (var diagnostic in syntax.Diagnostics)
        {
            AssertSpan(diagnostic.Span, text, lineCount);
        }

        foreach (var comment in syntax.Comments)
        {
            AssertSpan(comment.Span, text, lineCount);
        }

        foreach (var from in syntax.GetFromInstructions())
        {
            AssertSpan(from.ImageSpan, text, lineCount);
        }

        foreach (var finding in DockerfileLinter.Lint(syntax, Everything).Findings)
        {
            Assert.InRange(finding.Line, 1, lineCount);
            Assert.True(finding.Column >= 1);
            AssertSpan(finding.Span, text, lineCount);
        }
    }

    [Fact]
    public void Dockerfile_shaped_input_never_throws_and_positions_stay_inside()
        => ShapedText.Sample(AssertInvariants, iter: 3000, time: FuzzSeconds, threads: 1);

    [Fact]
    public void Random_characters_never_throw_and_positions_stay_inside()
        => RandomText.Sample(AssertInvariants, iter: 3000, time: FuzzSeconds, threads: 1);

    [Fact]
    public void Mutated_corpus_files_never_throw()
    {
        var files = DockerfileLinter.FindDockerfiles(CorpusTests.CorpusDirectory).Select(File.ReadAllText).ToArray();
        var mutation = Gen.Int[0, files.Length - 1].SelectMany(i => Gen.Int[0, 3].SelectMany(kind => Gen.Int[0, 10_000].SelectMany(a => Gen.Int[0, 10_000].SelectMany(b => Gen.OneOf(Fragments).Select(f =>
        {
            var text = files[i];
            var p = a % (text.Length + 1);
            var q = Math.Min(text.Length, p + (b % 40));
            return kind switch
            {
                0 => text.Remove(p, q - p),
                1 => text.Insert(p, f),
                2 => text.Insert(p, text[p..q]),
                _ => text[..p],
            };
        })))));
        mutation.Sample(AssertInvariants, iter: 1500, time: FuzzSeconds, threads: 1);
    }

    [Theory]
    [InlineData("typical")]
    [InlineData("substitutions")]
    [InlineData("continuation")]
    [InlineData("heredoc-markers")]
    [InlineData("quotes")]
    [InlineData("json")]
    [InlineData("stage-chain")]
    [InlineData("env-pairs")]
    [InlineData("shell-heredocs")]
    [InlineData("pragmas")]
    public void Work_is_linear_in_input_size(string shape)
    {
        string Build(int n) => shape switch
        {
            "typical" => string.Concat(Enumerable.Repeat(File.ReadAllText(Path.Combine(CorpusTests.CorpusDirectory, "hand", "dotnet-multistage.Dockerfile")), n)),
            "substitutions" => "FROM a:1\nRUN " + string.Concat(Enumerable.Repeat("$( `x ", n * 40)),
            "continuation" => "FROM a:1\nRUN echo \\\n" + string.Concat(Enumerable.Repeat("  a && b | c \\\n", n * 40)),
            "heredoc-markers" => "FROM a:1\nRUN " + string.Concat(Enumerable.Repeat("<<A ", n * 40)) + "\n" + string.Concat(Enumerable.Repeat("x\nA\n", n * 20)),
            "quotes" => "FROM a:1\nRUN " + string.Concat(Enumerable.Repeat("\"'\\\" ${ $' ", n * 40)),
            "json" => "FROM a:1\nCMD [" + string.Concat(Enumerable.Repeat("\"a\\u0041\", ", n * 40)),
            "stage-chain" => "FROM a:1 AS s0\n" + string.Concat(Enumerable.Range(1, n * 20).Select(i => $"ENV A{i}=1 B{i}=$A{i}\nLABEL l{i}=v\nFROM s{i - 1} AS s{i}\n")),
            "env-pairs" => "FROM a:1\nENV " + string.Concat(Enumerable.Range(0, n * 80).Select(i => $"V{i}=$V{i - 1} ")),
            "shell-heredocs" => "FROM a:1\nRUN " + string.Concat(Enumerable.Repeat("cat <<Z; ", n * 40)),
            _ => string.Concat(Enumerable.Range(0, n * 20).Select(i => $"# hadolint stage ignore=DL3003\nFROM a:{i}\nRUN cd /x\n")),
        };

        // Work is counted as the bytes the lint allocates on this thread: deterministic for a given input, unlike time on
        // a shared machine, and any super-linear scan or copy shows in it.
        long Measure(string text)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            DockerfileLinter.Lint(text, "Dockerfile", Everything);
            return GC.GetAllocatedBytesForCurrentThread() - allocated;
        }

        var small = Build(16);
        var large = Build(128);
        Measure(small);
        var smallBytes = Measure(small);
        var largeBytes = Measure(large);
        var ratio = large.Length / (double)small.Length;
        // Work grows with the size ratio; quadratic growth would be 8x more again.
        Assert.True(largeBytes <= smallBytes * ratio * 1.5, $"{shape}: {small.Length} chars allocate {smallBytes} B, {large.Length} chars allocate {largeBytes} B");
    }
}
