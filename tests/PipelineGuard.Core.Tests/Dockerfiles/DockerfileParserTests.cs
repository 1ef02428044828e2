using PipelineGuard.Dockerfiles;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

public class DockerfileParserTests
{
    private static string Slice(DockerfileSyntax syntax, SourceSpan span) => syntax.Text.Substring(span.Start, span.Length);

    [Fact]
    public void Positions_of_keyword_flags_and_arguments_are_exact()
    {
        var text = "FROM debian:12\n  RUN --mount=type=cache,target=/root/.cache --network=none echo hi\n";
        var syntax = DockerfileParser.Parse(text);
        Assert.True(syntax.IsValid);
        var run = syntax.Instructions[1];
        Assert.Equal("RUN", run.Keyword);
        Assert.Equal((2, 3), (run.Line, run.Column));
        Assert.Equal("--mount=type=cache,target=/root/.cache", Slice(syntax, run.Flags[0].Span));
        Assert.Equal("type=cache,target=/root/.cache", run.Flags[0].Value);
        Assert.Equal("network", run.Flags[1].Name);
        Assert.Equal("echo hi", run.ArgumentText);
        Assert.Equal("hi", Slice(syntax, run.Arguments[1].Span));
        Assert.Equal((2, 66), (run.Arguments[1].Span.Line, run.Arguments[1].Span.Column));
    }

    [Fact]
    public void Continuations_allow_trailing_whitespace_and_comment_lines()
    {
        var text = "FROM debian:12\nRUN apt-get update \\   \n# a comment inside\n\n    && apt-get install -y curl\nUSER app\n";
        var syntax = DockerfileParser.Parse(text);
        Assert.True(syntax.IsValid);
        Assert.Equal(3, syntax.Instructions.Count);
        var run = syntax.Instructions[1];
        Assert.Contains("apt-get update", run.ArgumentText, StringComparison.Ordinal);
        Assert.Contains("&& apt-get install -y curl", run.ArgumentText, StringComparison.Ordinal);
        Assert.Equal(5, run.Span.EndLine);
        var curl = run.Arguments.Single(a => a.Value == "curl");
        Assert.Equal((5, 27), (curl.Span.Line, curl.Span.Column));
        Assert.Contains(syntax.Comments, c => c.InsideContinuation && c.Text == "a comment inside");
        Assert.Equal(6, syntax.Instructions[2].Line);
    }

    [Fact]
    public void Escape_directive_switches_to_backtick()
    {
        var text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\ `\n    && echo done\nCOPY C:\\src C:\\app\\\n";
        var syntax = DockerfileParser.Parse(text);
        Assert.True(syntax.IsValid, string.Join("; ", syntax.Diagnostics.Select(d => d.Message)));
        Assert.Equal('`', syntax.EscapeCharacter);
        Assert.Equal("escape", Assert.Single(syntax.Directives).Name);
        Assert.Equal(3, syntax.Instructions.Count);
        Assert.Equal("C:\\src", syntax.Instructions[2].Arguments[0].Value);
    }

    [Fact]
    public void Directives_are_only_read_at_the_top()
    {
        var syntax = DockerfileParser.Parse("# syntax=docker/dockerfile:1.7\n# check=skip=all\n# escape=\\\n\nFROM debian:12\n# escape=`\nRUN echo \\\n  hi\n");
        Assert.Equal(["syntax", "check", "escape"], syntax.Directives.Select(d => d.Name));
        Assert.Equal('\\', syntax.EscapeCharacter);
        Assert.Equal(2, syntax.Instructions.Count);
        Assert.Contains(syntax.Comments, c => c.Text == "escape=`");
    }

    [Fact]
    public void Heredocs_several_per_line_stripped_and_quoted()
    {
        var text = "FROM debian:12\nCOPY <<one <<\"two\" /dst/\nfirst\none\nsecond $HOME\ntwo\nRUN <<-EOT bash\n\techo hi\n\tEOT\nUSER app\n";
        var syntax = DockerfileParser.Parse(text);
        Assert.True(syntax.IsValid, string.Join("; ", syntax.Diagnostics.Select(d => d.Message)));
        Assert.Equal(4, syntax.Instructions.Count);
        var copy = syntax.Instructions[1];
        Assert.Equal(2, copy.Heredocs.Count);
        Assert.Equal("first\n", copy.Heredocs[0].Body);
        Assert.True(copy.Heredocs[1].Quoted);
        Assert.Equal("second $HOME\n", Slice(syntax, copy.Heredocs[1].BodySpan));
        Assert.Equal(6, copy.Span.EndLine);
        var run = syntax.Instructions[2];
        Assert.True(run.Heredocs[0].StripLeadingTabs);
        Assert.Equal("\techo hi\n", run.Heredocs[0].Body);
        Assert.Equal(10, syntax.Instructions[3].Line);
    }

    [Fact]
    public void Json_form_and_fallback_to_shell_form()
    {
        var syntax = DockerfileParser.Parse("FROM debian:12\nCMD [\"node\", \"server.js\"]\nCMD [\"broken\", ]\nENTRYPOINT [ ]\n");
        Assert.True(syntax.Instructions[1].IsJsonForm);
        Assert.Equal(["node", "server.js"], syntax.Instructions[1].Arguments.Select(a => a.Value));
        Assert.Equal("\"server.js\"", Slice(syntax, syntax.Instructions[1].Arguments[1].Span));
        Assert.False(syntax.Instructions[2].IsJsonForm);
        Assert.True(syntax.Instructions[3].IsJsonForm);
        Assert.Empty(syntax.Instructions[3].Arguments);
    }

    [Fact]
    public void Env_label_and_arg_pairs()
    {
        var syntax = DockerfileParser.Parse("ARG A B=2\nFROM debian:12\nENV X=1 Y=\"two words\" Z='$q'\nENV LEGACY value with spaces\nLABEL \"org.key\"=v\n");
        Assert.Equal([("A", (string?)null), ("B", "2")], syntax.Instructions[0].Pairs.Select(p => (p.Key, p.Value)));
        Assert.Equal([("X", (string?)"1"), ("Y", "two words"), ("Z", "$q")], syntax.Instructions[2].Pairs.Select(p => (p.Key, p.Value)));
        Assert.Equal(("LEGACY", (string?)"value with spaces"), (syntax.Instructions[3].Pairs[0].Key, syntax.Instructions[3].Pairs[0].Value));
        Assert.Equal("org.key", syntax.Instructions[4].Pairs[0].Key);
    }

    [Fact]
    public void Onbuild_trigger_is_parsed_with_its_flags()
    {
        var syntax = DockerfileParser.Parse("FROM debian:12\nonbuild copy --chown=app:app . /app/\n");
        var onbuild = syntax.Instructions[1];
        Assert.Equal("ONBUILD", onbuild.Keyword);
        Assert.NotNull(onbuild.Trigger);
        Assert.Equal("COPY", onbuild.Trigger.Keyword);
        Assert.Equal("app:app", onbuild.Trigger.GetFlag("chown"));
        Assert.Equal((2, 9), (onbuild.Trigger.KeywordSpan.Line, onbuild.Trigger.KeywordSpan.Column));
    }

    [Fact]
    public void Bom_and_crlf_are_handled()
    {
        var text = "\uFEFF# syntax=docker/dockerfile:1\r\nFROM debian:12\r\nRUN echo a \\\r\n  b\r\nUSER app\r\n";
        var syntax = DockerfileParser.Parse(text);
        Assert.True(syntax.IsValid);
        Assert.Single(syntax.Directives);
        Assert.Equal(3, syntax.Instructions.Count);
        Assert.Equal("echo a   b", syntax.Instructions[1].ArgumentText);
        Assert.Equal(5, syntax.Instructions[2].Line);
        Assert.Equal("USER", Slice(syntax, syntax.Instructions[2].KeywordSpan));
    }

    [Fact]
    public void Keywords_are_case_insensitive_and_buildkit_flags_are_kept()
    {
        var syntax = DockerfileParser.Parse("from debian:12 as build\ncopy --from=build --chmod=755 --link --parents --exclude=*.md src/ /dst/\nadd --checksum=sha256:abc --keep-git-dir=true --unpack=false https://x/y.tgz /z/\nrun --security=insecure --network=host true\n");
        Assert.True(syntax.IsValid);
        Assert.Equal(["FROM", "COPY", "ADD", "RUN"], syntax.Instructions.Select(i => i.Keyword));
        Assert.Equal(["from", "chmod", "link", "parents", "exclude"], syntax.Instructions[1].Flags.Select(f => f.Name));
        Assert.Null(syntax.Instructions[1].Flags[2].Value);
        Assert.Equal(["checksum", "keep-git-dir", "unpack"], syntax.Instructions[2].Flags.Select(f => f.Name));
        Assert.Equal("insecure", syntax.Instructions[3].GetFlag("security"));
    }

    [Theory]
    [InlineData("FROM debian:12\nFOO bar\n", 2, 1, "unknown instruction")]
    [InlineData("FROM debian:12\nRUN <<EOF\necho\n", 2, 5, "not terminated")]
    [InlineData("FROM a b\n", 1, 6, "FROM requires")]
    [InlineData("FROM debian:12\nRUN\n", 2, 1, "requires at least one argument")]
    [InlineData("# escape=x\nFROM debian:12\n", 1, 1, "invalid escape")]
    [InlineData("FROM debian:12\nSHELL /bin/bash -c\n", 2, 1, "JSON form")]
    [InlineData("FROM debian:12\nENV A=1 B\n", 2, 9, "can't find =")]
    public void Unparseable_input_gives_DL1000_with_a_position(string text, int line, int column, string message)
    {
        var result = DockerfileLinter.Lint(text, "Dockerfile", LintConfiguration.Default);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("DL1000", finding.Code);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal((line, column), (finding.Line, finding.Column));
        Assert.Contains(message, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_list_resolves_arg_defaults_and_gives_the_image_span()
    {
        var text = "ARG REGISTRY=mcr.microsoft.com\nARG TAG\nFROM ${REGISTRY}/dotnet/sdk:8.0 AS build\nFROM build AS test\nFROM --platform=$BUILDPLATFORM scratch\nFROM ${REGISTRY}/dotnet/aspnet:${TAG}\nFROM ${MISSING:-alpine:3.20}\n";
        var syntax = DockerfileParser.Parse(text);
        var froms = syntax.GetFromInstructions();
        Assert.Equal(5, froms.Count);
        Assert.Equal("${REGISTRY}/dotnet/sdk:8.0", froms[0].ImageText);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:8.0", froms[0].ResolvedImage);
        Assert.True(froms[0].IsFullyResolved);
        Assert.Equal("build", froms[0].Alias);
        Assert.Equal("${REGISTRY}/dotnet/sdk:8.0", Slice(syntax, froms[0].ImageSpan));
        Assert.True(froms[1].IsStageReference);
        Assert.Equal(0, froms[1].ReferencedStageIndex);
        Assert.True(froms[2].IsScratch);
        Assert.Equal("$BUILDPLATFORM", froms[2].Platform);
        Assert.False(froms[3].IsFullyResolved);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:${TAG}", froms[3].ResolvedImage);
        Assert.Equal("alpine:3.20", froms[4].ResolvedImage);
        Assert.Equal((6, 6), (froms[3].ImageSpan.Line, froms[3].ImageSpan.Column));
    }
}
