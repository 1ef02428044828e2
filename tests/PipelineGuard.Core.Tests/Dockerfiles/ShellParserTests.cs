using PipelineGuard.Dockerfiles.Shell;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

public class ShellParserTests
{
    [Fact]
    public void Splits_on_operators_and_subshells()
    {
        var script = ShellParser.Parse("a 1 && b 2 || c; d | e & (f; g) && { h; }");
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h"], script.Commands.Select(c => c.Name));
        Assert.True(script.HasPipe);
        Assert.True(script.Commands.Single(c => c.Name == "d").IsPiped);
        Assert.False(script.Commands.Single(c => c.Name == "a").IsPiped);
    }

    [Fact]
    public void Resolves_quotes_escapes_and_continuations()
    {
        var script = ShellParser.Parse("echo 'a b' \"c $HOME\" d\\ e \\\n  f ${X:-y} $'t'");
        var echo = Assert.Single(script.Commands);
        Assert.Equal(["a b", "c $HOME", "d e", "f", "${X:-y}", "t"], echo.Arguments.Select(a => a.Value));
    }

    [Fact]
    public void Finds_commands_inside_substitutions_and_skips_redirections()
    {
        var script = ShellParser.Parse("VERSION=$(curl -s https://x) tar -xzf x.tgz -C /opt 2>&1 >/dev/null && echo `wget -q y`");
        Assert.Equal(["curl", "tar", "wget", "echo"], script.Commands.Select(c => c.Name));
        var tar = script.Commands.Single(c => c.Name == "tar");
        Assert.Equal(["-xzf", "x.tgz", "-C", "/opt"], tar.Arguments.Select(a => a.Value));
        Assert.Single(tar.Assignments);
    }

    [Theory]
    [InlineData("r[m -rf /x", "r[m", 0)]
    [InlineData("a[1]=x b", "b", 1)]
    [InlineData("a[k]+=x b", "b", 1)]
    [InlineData("a[]=x b", "a[]=x", 0)]
    [InlineData("a[1] b", "a[1]", 0)]
    public void Only_words_with_an_equals_sign_after_the_name_are_assignments(string line, string name, int assignments)
    {
        var command = Assert.Single(ShellParser.Parse(line).Commands);
        Assert.Equal(name, command.Name);
        Assert.Equal(assignments, command.Assignments.Count);
    }

    [Fact]
    public void A_bracket_word_where_an_assignment_could_stand_is_linted_without_error()
    {
        var text = "FROM debian:12\nRUN apt-get update; \\\n\tr[m -rf /var/lib/apt/lists/*\n";
        var result = PipelineGuard.Dockerfiles.DockerfileLinter.Lint(text, "Dockerfile", PipelineGuard.Dockerfiles.LintConfiguration.Default);
        Assert.Contains(result.Findings, f => f.Code == "DL3009" && f.Line == 2);
    }

    [Fact]
    public void Flags_are_read_as_hadolint_reads_them()
    {
        var command = ShellParser.Parse("apt-get -qy install --no-install-recommends -o Dpkg::Options::=--force-confold curl=1").Commands[0];
        Assert.True(command.HasFlag("y"));
        Assert.True(command.HasFlag("q"));
        Assert.True(command.HasFlag("no-install-recommends"));
        Assert.False(command.HasFlag("yes"));
        Assert.Equal("install", command.Subcommand);
        Assert.Equal(["install", "curl=1"], command.GetArgumentsWithoutFlags("-o").Select(a => a.Value));
        var useradd = ShellParser.Parse("useradd --uid=100000 -m app").Commands[0];
        Assert.Equal("100000", useradd.GetOptionValue("u", "uid"));
    }

    [Fact]
    public void Control_keywords_are_not_commands()
    {
        var script = ShellParser.Parse("if [ -f x ]; then cd /x; else rm -f y; fi\nfor i in a b; do echo $i; done");
        Assert.Equal(["[", "cd", "rm", "echo"], script.Commands.Select(c => c.Name));
    }

    [Fact]
    public void Word_offsets_index_the_script()
    {
        const string text = "apt-get install  'curl'";
        var word = ShellParser.Parse(text).Commands[0].Arguments[1];
        Assert.Equal("'curl'", text[word.Start..word.End]);
        Assert.True(word.Quoted);
    }
}
