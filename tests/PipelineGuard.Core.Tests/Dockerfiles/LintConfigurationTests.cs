using PipelineGuard.Dockerfiles;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

public class LintConfigurationTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = new();

    [Fact]
    public void Reads_every_hadolint_key()
    {
        const string yaml = """
            failure-threshold: warning
            format: sarif
            ignored:
              - DL3000
              - SC1010
            override:
              error: [DL3001]
              warning: [DL3042]
              info: [DL3032]
              style: [DL3015]
            trustedRegistries: docker.io
            label-schema:
              author: text
              version: semver
            strict-labels: true
            disable-ignore-pragma: true
            no-fail: true
            no-color: true
            """;
        var errors = new List<LintConfigurationError>();
        var settings = LintConfigurationLoader.ParseYaml(yaml, ".hadolint.yaml", errors);
        Assert.Empty(errors);
        var configuration = LintConfiguration.Combine(settings);
        Assert.Equal(LintSeverity.Warning, configuration.FailureThreshold);
        Assert.Equal(LintOutputFormat.Sarif, configuration.Format);
        Assert.True(configuration.Ignored.SetEquals(["DL3000", "SC1010"]));
        Assert.Equal(LintSeverity.Error, configuration.Overrides["DL3001"]);
        Assert.Equal(LintSeverity.Style, configuration.Overrides["DL3015"]);
        Assert.Equal(["docker.io"], configuration.TrustedRegistries);
        Assert.Equal("semver", configuration.LabelSchema["version"]);
        Assert.True(configuration.StrictLabels && configuration.DisableIgnorePragma && configuration.NoFail && configuration.NoColor);
    }

    [Theory]
    [InlineData("ignored: [DL3000\n", 2)]
    [InlineData("ignored:\n  - DL3000\nfailure-threshold: loud\n", 3)]
    [InlineData("override:\n  fatal: [DL3000]\n", 2)]
    [InlineData("strict-labels: maybe\n", 1)]
    [InlineData("label-schema:\n  version: number\n", 2)]
    [InlineData("trustedRegistries: docker.io\nunknown-key: 1\n", 2)]
    public void Errors_name_the_file_and_line(string yaml, int line)
    {
        var errors = new List<LintConfigurationError>();
        Assert.Null(LintConfigurationLoader.ParseYaml(yaml, "conf/.hadolint.yaml", errors));
        var error = Assert.Single(errors);
        Assert.Equal("conf/.hadolint.yaml", error.Source);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"conf/.hadolint.yaml:{line}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_variables_are_read()
    {
        var environment = new Dictionary<string, string?>
        {
            ["HADOLINT_NOFAIL"] = "yes",
            ["HADOLINT_FORMAT"] = "json",
            ["HADOLINT_FAILURE_THRESHOLD"] = "error",
            ["HADOLINT_OVERRIDE_ERROR"] = "DL3010,DL3020",
            ["HADOLINT_OVERRIDE_STYLE"] = "DL3006",
            ["HADOLINT_IGNORE"] = "DL3008, DL3009",
            ["HADOLINT_STRICT_LABELS"] = "1",
            ["HADOLINT_DISABLE_IGNORE_PRAGMA"] = "true",
            ["HADOLINT_TRUSTED_REGISTRIES"] = "docker.io,quay.io",
            ["HADOLINT_REQUIRE_LABELS"] = "maintainer:text,version:semver",
            ["NO_COLOR"] = "",
        };
        var errors = new List<LintConfigurationError>();
        var configuration = LintConfiguration.Combine(LintConfigurationLoader.FromEnvironment(environment, errors));
        Assert.Empty(errors);
        Assert.True(configuration.NoFail && configuration.StrictLabels && configuration.DisableIgnorePragma && configuration.NoColor);
        Assert.Equal(LintOutputFormat.Json, configuration.Format);
        Assert.Equal(LintSeverity.Error, configuration.FailureThreshold);
        Assert.Equal(LintSeverity.Error, configuration.Overrides["DL3020"]);
        Assert.Equal(LintSeverity.Style, configuration.Overrides["DL3006"]);
        Assert.True(configuration.Ignored.SetEquals(["DL3008", "DL3009"]));
        Assert.Equal(["docker.io", "quay.io"], configuration.TrustedRegistries);
        Assert.Equal("semver", configuration.LabelSchema["version"]);

        Assert.Null(LintConfigurationLoader.Load(null, RepositoryPaths.NewTempDirectory("cfg"), new Dictionary<string, string?> { ["HADOLINT_FORMAT"] = "xml" }, null).Configuration);
    }

    [Fact]
    public void Command_line_beats_environment_beats_file_and_lists_merge()
    {
        var directory = RepositoryPaths.NewTempDirectory("cfg");
        File.WriteAllText(Path.Combine(directory, ".hadolint.yaml"), "failure-threshold: error\nformat: json\nignored: [DL3000]\noverride:\n  info: [DL3006]\n");
        var environment = new Dictionary<string, string?> { ["HADOLINT_FORMAT"] = "gnu", ["HADOLINT_IGNORE"] = "DL3001", ["HADOLINT_OVERRIDE_WARNING"] = "DL3006" };
        var commandLine = new LintSettings { Format = LintOutputFormat.Sarif, Ignored = ["DL3002"], Overrides = new Dictionary<string, LintSeverity> { ["DL3006"] = LintSeverity.Error } };
        var result = LintConfigurationLoader.Load(null, directory, environment, commandLine);
        var configuration = Assert.IsType<LintConfiguration>(result.Configuration);
        Assert.Equal(Path.Combine(directory, ".hadolint.yaml"), result.ConfigFile);
        Assert.Equal(LintOutputFormat.Sarif, configuration.Format);
        Assert.Equal(LintSeverity.Error, configuration.FailureThreshold);
        Assert.Equal(LintSeverity.Error, configuration.Overrides["DL3006"]);
        Assert.True(configuration.Ignored.SetEquals(["DL3000", "DL3001", "DL3002"]));

        var envOnly = LintConfigurationLoader.Load(null, directory, environment, null).Configuration!;
        Assert.Equal(LintOutputFormat.Gnu, envOnly.Format);
        Assert.Equal(LintSeverity.Warning, envOnly.Overrides["DL3006"]);
    }

    [Fact]
    public void Config_file_lookup_follows_hadolints_order()
    {
        // hadolint's findConfig: cwd hidden names, then the XDG config directory, then the app data directory
        // (~/.hadolint with hadolint.* and config.*), then the documents directory (home) hidden names.
        var work = RepositoryPaths.NewTempDirectory("cfg");
        var home = RepositoryPaths.NewTempDirectory("home");
        var xdg = RepositoryPaths.NewTempDirectory("xdg");
        var environment = new Dictionary<string, string?> { ["HOME"] = home, ["XDG_CONFIG_HOME"] = xdg };
        Assert.Null(LintConfigurationLoader.FindConfigFile(work, environment));
        File.WriteAllText(Path.Combine(home, ".hadolint.yml"), "ignored: [DL3000]\n");
        Assert.Equal(Path.Combine(home, ".hadolint.yml"), LintConfigurationLoader.FindConfigFile(work, environment));
        Directory.CreateDirectory(Path.Combine(home, ".hadolint"));
        File.WriteAllText(Path.Combine(home, ".hadolint", "config.yaml"), "ignored: [DL3001]\n");
        Assert.Equal(Path.Combine(home, ".hadolint", "config.yaml"), LintConfigurationLoader.FindConfigFile(work, environment));
        File.WriteAllText(Path.Combine(home, ".hadolint", "hadolint.yml"), "ignored: [DL3001]\n");
        Assert.Equal(Path.Combine(home, ".hadolint", "hadolint.yml"), LintConfigurationLoader.FindConfigFile(work, environment));

        // With XDG_CONFIG_HOME set, ~/.config is not looked at; without it (or when it is relative), it is.
        Directory.CreateDirectory(Path.Combine(home, ".config"));
        File.WriteAllText(Path.Combine(home, ".config", "hadolint.yml"), "ignored: [DL3002]\n");
        Assert.Equal(Path.Combine(home, ".hadolint", "hadolint.yml"), LintConfigurationLoader.FindConfigFile(work, environment));
        Assert.Equal(Path.Combine(home, ".config", "hadolint.yml"), LintConfigurationLoader.FindConfigFile(work, new Dictionary<string, string?> { ["HOME"] = home }));
        Assert.Equal(Path.Combine(home, ".config", "hadolint.yml"), LintConfigurationLoader.FindConfigFile(work, new Dictionary<string, string?> { ["HOME"] = home, ["XDG_CONFIG_HOME"] = "relative" }));
        File.WriteAllText(Path.Combine(xdg, "hadolint.yaml"), "ignored: [DL3002]\n");
        Assert.Equal(Path.Combine(xdg, "hadolint.yaml"), LintConfigurationLoader.FindConfigFile(work, environment));
        File.WriteAllText(Path.Combine(work, ".hadolint.yml"), "ignored: [DL3003]\n");
        Assert.Equal(Path.Combine(work, ".hadolint.yml"), LintConfigurationLoader.FindConfigFile(work, environment));

        // The old lookup of ~/hadolint/config.yaml is not one of hadolint's places.
        var other = RepositoryPaths.NewTempDirectory("home2");
        Directory.CreateDirectory(Path.Combine(other, "hadolint"));
        File.WriteAllText(Path.Combine(other, "hadolint", "config.yaml"), "ignored: [DL3003]\n");
        Assert.Null(LintConfigurationLoader.FindConfigFile(RepositoryPaths.NewTempDirectory("cfg2"), new Dictionary<string, string?> { ["HOME"] = other }));
    }

    [Fact]
    public void Config_file_candidates_on_windows_are_hadolints()
    {
        var environment = new Dictionary<string, string?> { ["APPDATA"] = @"C:\Users\u\AppData\Roaming", ["USERPROFILE"] = @"C:\Users\u" };
        var candidates = LintConfigurationLoader.ConfigFileCandidates(@"C:\src", environment, windows: true).Select(c => c.Replace('\\', '/')).ToList();
        Assert.Equal(
            [
                "C:/src/.hadolint.yaml", "C:/src/.hadolint.yml",
                "C:/Users/u/AppData/Roaming/hadolint.yaml", "C:/Users/u/AppData/Roaming/hadolint.yml",
                "C:/Users/u/AppData/Roaming/hadolint/hadolint.yaml", "C:/Users/u/AppData/Roaming/hadolint/hadolint.yml",
                "C:/Users/u/AppData/Roaming/hadolint/config.yaml", "C:/Users/u/AppData/Roaming/hadolint/config.yml",
                "C:/Users/u/Documents/.hadolint.yaml", "C:/Users/u/Documents/.hadolint.yml",
            ],
            candidates);
    }

    [Fact]
    public void Missing_explicit_config_file_is_an_error()
    {
        var work = RepositoryPaths.NewTempDirectory("cfg");
        var missing = LintConfigurationLoader.Load(Path.Combine(work, "nope.yaml"), work, NoEnvironment, null);
        Assert.False(missing.Success);
        Assert.Contains("not found", missing.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_threshold_decides_failure()
    {
        var results = new[] { DockerfileLinter.Lint("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=1\n", "D", LintConfiguration.Default) };
        Assert.Contains(results[0].Findings, f => f.Severity == LintSeverity.Info);
        Assert.DoesNotContain(results[0].Findings, f => f.Severity <= LintSeverity.Warning);
        Assert.True(DockerfileLinter.IsFailure(results, LintConfiguration.Default));
        Assert.False(DockerfileLinter.IsFailure(results, LintConfiguration.Default with { FailureThreshold = LintSeverity.Warning }));
        Assert.True(DockerfileLinter.IsFailure(results, LintConfiguration.Default with { FailureThreshold = LintSeverity.Style }));
        Assert.False(DockerfileLinter.IsFailure(results, LintConfiguration.Default with { FailureThreshold = LintSeverity.Ignore }));
        Assert.False(DockerfileLinter.IsFailure(results, LintConfiguration.Default with { NoFail = true }));
    }
}
