using System.Text;
using PipelineGuard.Secrets;
using PipelineGuard.Testing.Secrets;
using Xunit;

namespace PipelineGuard.Core.Tests.Secrets;

/// <summary>
/// The build context as BuildKit sends it: <c>.dockerignore</c> read and matched as moby's patternmatcher defines it
/// (cleaning, leading <c>/</c>, <c>*</c>/<c>?</c> within one folder, <c>**</c> across folders, parent folders, <c>!</c>
/// exceptions with the last match deciding), <c>Dockerfile.dockerignore</c> first, and the COPY/ADD that ships each file.
/// </summary>
public sealed class BuildContextTests
{
    public static TheoryData<string, string, bool> Cases() => new()
    {
        { "*.env", ".env", true },
        { "*.env", "sub/.env", false },
        { "**/.env", ".env", true },
        { "**/.env", "deep/sub/.env", true },
        { ".env*\n!.env.example", ".env", true },
        { ".env*\n!.env.example", ".env.example", false },
        { ".env*\n!.env.example", ".env.local", true },
        { "secrets\n!secrets/public.txt", "secrets/key.txt", true },
        { "secrets\n!secrets/public.txt", "secrets/public.txt", false },
        { "**\n!src", "src/app/Program.cs", false },
        { "**\n!src", "README.md", true },
        { "/config/*.json", "config/app.json", true },
        { "/config/*.json", "config/sub/app.json", false },
        { "./bin/", "bin/tool", true },
        { "docs/**/*.md", "docs/a.md", true },
        { "docs/**/*.md", "docs/x/y/a.md", true },
        { "docs/**/*.md", "a.md", false },
        { "foo/**", "foo/bar/baz", true },
        { "te?t.txt", "test.txt", true },
        { "te?t.txt", "te/t.txt", false },
        { "a\\*b", "a*b", true },
        { "a\\*b", "axb", false },
        { "*.txt\n!keep.txt\nkeep.txt", "keep.txt", true },
        { "# comment\n\n   *.log   ", "build.log", true },
        { "#*.log", "build.log", false },
        { "a/../b", "b", true },
        { "[ab].txt", "a.txt", true },
        { "[ab].txt", "c.txt", false },
        { "**foo", "barfoo", true },
        { "**/foo", "barfoo", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dockerignore_matches_as_patternmatcher_does(string patterns, string path, bool excluded)
    {
        var (ignore, error) = DockerIgnore.Parse(patterns, ".dockerignore");
        Assert.Null(error);
        Assert.Equal(excluded, ignore!.Excludes(path));
    }

    [Theory]
    [InlineData("*.log\n!\n", ".dockerignore:2: illegal exclusion pattern")]
    [InlineData("ok\n[a-\n", ".dockerignore:2: syntax error in pattern [a-")]
    public void A_bad_pattern_is_an_error_naming_the_file_and_line(string patterns, string expected)
    {
        var (ignore, error) = DockerIgnore.Parse(patterns, ".dockerignore");
        Assert.Null(ignore);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_context_leaves_out_ignored_files_keeps_the_exception_and_names_the_copy_that_ships_each_file()
    {
        using var context = new SecretCorpusFolder([]);
        var password = "Pz4" + "contextPassw0rd";
        Write(context, ".env", $"DB_PASSWORD={password}\n");
        Write(context, ".env.production", $"API_SECRET={password}1\n");
        Write(context, "src/appsettings.Development.json", $"{{\"ConnectionStrings\":{{\"Db\":\"Server=db;Password={password}2;\"}}}}\n");
        Write(context, "tools/deploy.txt", $"DEPLOY_TOKEN={password}3\n");
        Write(context, ".dockerignore", ".env*\n!.env.production\n");
        Write(context, "Dockerfile", "FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build\nCOPY src/ /src/\nFROM mcr.microsoft.com/dotnet/aspnet:9.0\nCOPY --from=build /src /app\nCOPY .env.production /app/\n");
        var result = BuildContextScanner.Scan(context.Path, Path.Combine(context.Path, "Dockerfile"));
        var byPath = result.Findings.ToDictionary(f => f.Path, StringComparer.Ordinal);
        Assert.Equal([".env.production", "src/appsettings.Development.json", "tools/deploy.txt"], byPath.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("shipped by COPY .env.production /app/ (Dockerfile:5, stage 1)", byPath[".env.production"].Evidence);
        Assert.Equal("shipped by COPY src/ /src/ (Dockerfile:2, stage 0 'build')", byPath["src/appsettings.Development.json"].Evidence);
        Assert.Equal("PG4040", byPath["src/appsettings.Development.json"].RuleId);
        Assert.Equal("in the build context (sent to the builder); no COPY or ADD takes it", byPath["tools/deploy.txt"].Evidence);
        Assert.Contains("filtered by", result.Target, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dockerfile_specific_ignore_file_wins_over_the_contexts()
    {
        using var context = new SecretCorpusFolder([]);
        Write(context, ".env", "DB_PASSWORD=Pz4" + "contextPassw0rd\n");
        Write(context, ".dockerignore", "*.md\n");
        Write(context, "build/app.Dockerfile", "FROM alpine:3.20\nCOPY . /app\n");
        Write(context, "build/app.Dockerfile.dockerignore", ".env\n");
        var result = BuildContextScanner.Scan(context.Path, Path.Combine(context.Path, "build", "app.Dockerfile"));
        Assert.Empty(result.Findings);
        Write(context, "build/app.Dockerfile.dockerignore", "*.md\n");
        var again = BuildContextScanner.Scan(context.Path, Path.Combine(context.Path, "build", "app.Dockerfile"));
        Assert.Equal(".env", Assert.Single(again.Findings, f => f.RuleId == "PG4031").Path);
        Assert.StartsWith("shipped by COPY . /app (app.Dockerfile:2", again.Findings[0].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_exclude_and_wildcards_decide_what_a_copy_ships()
    {
        using var context = new SecretCorpusFolder([]);
        Write(context, "config/prod.env", "API_SECRET=Pz4" + "contextPassw0rd\n");
        Write(context, "config/app.json", "{\"password\": \"Pz4" + "contextPassw0rd9\"}\n");
        Write(context, "Dockerfile", "FROM alpine:3.20\nCOPY --exclude=*.env config/ /etc/app/\nCOPY config/*.env /secrets/\n");
        var result = BuildContextScanner.Scan(context.Path, Path.Combine(context.Path, "Dockerfile"));
        var byPath = result.Findings.GroupBy(f => f.Path).ToDictionary(g => g.Key, g => g.First().Evidence, StringComparer.Ordinal);
        Assert.StartsWith("shipped by COPY config/*.env /secrets/ (Dockerfile:3", byPath["config/prod.env"], StringComparison.Ordinal);
        Assert.StartsWith("shipped by COPY config/ /etc/app/ (Dockerfile:2", byPath["config/app.json"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_ignore_file_or_a_missing_dockerfile_stops_the_scan_with_its_name()
    {
        using var context = new SecretCorpusFolder([]);
        Write(context, ".dockerignore", "!\n");
        Write(context, "Dockerfile", "FROM alpine:3.20\n");
        var broken = Assert.Throws<SecretScanException>(() => BuildContextScanner.Scan(context.Path, Path.Combine(context.Path, "Dockerfile")));
        Assert.Contains(".dockerignore:1: illegal exclusion pattern", broken.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<SecretScanException>(() => BuildContextScanner.Scan(context.Path, Path.Combine(context.Path, "Nope.Dockerfile")));
        Assert.Contains("Nope.Dockerfile", missing.Message, StringComparison.Ordinal);
    }

    private static void Write(SecretCorpusFolder folder, string name, string text)
    {
        var path = Path.Combine(folder.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
    }
}
