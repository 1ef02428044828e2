using System.Text;
using System.Text.Json;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Secrets;
using Xunit;

namespace PipelineGuard.Cli.Tests.Secrets;

/// <summary><c>pipelineguard secrets</c>: exit 1 on a secret, 0 on none, 2 on a usage error; every form redacted.</summary>
public sealed class SecretsCommandTests
{
    [Fact]
    public async Task A_folder_with_a_planted_token_exits_1_and_never_prints_the_token()
    {
        var folder = RepositoryPaths.NewTempDirectory("secrets-cli");
        var token = PlantedSecrets.GitHubToken(21);
        await File.WriteAllTextAsync(Path.Combine(folder, "deploy.sh"), $"export GH={token}\n");
        foreach (var format in new[] { "tty", "json", "sarif", "markdown", "html", "msbuild" })
        {
            var (code, output, error) = await CliRunner.RunAsync("secrets", folder, "-f", format);
            Assert.True(code == 1, $"{format}: exit {code}\n{error}");
            Assert.Contains("PG4003", output, StringComparison.Ordinal);
            Assert.DoesNotContain(token, output + error, StringComparison.Ordinal);
            Assert.DoesNotContain(token[4..], output + error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_clean_folder_exits_0()
    {
        var folder = RepositoryPaths.NewTempDirectory("secrets-clean");
        await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), "{\"Logging\":{\"LogLevel\":{\"Default\":\"Information\"}}}\n");
        var (code, output, error) = await CliRunner.RunAsync("secrets", folder, "-f", "json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("filesScanned").GetInt32());
    }

    [Fact]
    public async Task A_nupkg_is_scanned_entry_by_entry()
    {
        var folder = RepositoryPaths.NewTempDirectory("secrets-nupkg");
        var planted = PlantedPackages.ConnectionString;
        var package = PlantedPackages.WriteWithConnectionString(Path.Combine(folder, "Web.1.0.0.nupkg"));

        var (code, output, error) = await CliRunner.RunAsync("secrets", package, "-f", "msbuild");
        Assert.True(code == 1, error);
        Assert.StartsWith(package + ": error PG4040:", output, StringComparison.Ordinal);
        Assert.DoesNotContain(planted.Secret!, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_goes_to_a_file_with_output()
    {
        var folder = RepositoryPaths.NewTempDirectory("secrets-out");
        await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), PlantedSecrets.GitHubToken(22) + "\n");
        var report = Path.Combine(RepositoryPaths.NewTempDirectory("secrets-out-report"), "secrets.sarif");
        var (code, output, error) = await CliRunner.RunAsync("secrets", folder, "-f", "sarif", "-o", report);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("1 secret(s) found", error, StringComparison.Ordinal);
        using var sarif = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.Equal("PG4003", sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("ruleId").GetString());
    }

    [Theory]
    [InlineData("--image", "oci:x", "--context", ".")]
    [InlineData("--dockerfile", "Dockerfile")]
    [InlineData("-f", "yaml")]
    public async Task Conflicting_or_bad_options_exit_2(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync(["secrets", .. args]);
        Assert.True(code == 2, error);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("pipelineguard secrets: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_that_does_not_exist_exits_2_naming_it()
    {
        var missing = Path.Combine(RepositoryPaths.NewTempDirectory("secrets-missing"), "nope");
        var (code, _, error) = await CliRunner.RunAsync("secrets", missing);
        Assert.Equal(2, code);
        Assert.Contains(missing + ": no such file or folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_context_is_filtered_by_its_dockerignore()
    {
        var context = RepositoryPaths.NewTempDirectory("secrets-context");
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY . /app\n");
        await File.WriteAllTextAsync(Path.Combine(context, ".dockerignore"), "ignored/\n");
        Directory.CreateDirectory(Path.Combine(context, "ignored"));
        await File.WriteAllTextAsync(Path.Combine(context, "ignored", "token.txt"), PlantedSecrets.GitHubToken(23) + "\n");
        var (clean, _, cleanError) = await CliRunner.RunAsync("secrets", "--context", context);
        Assert.True(clean == 0, cleanError);

        await File.WriteAllTextAsync(Path.Combine(context, "shipped.txt"), PlantedSecrets.GitHubToken(24) + "\n");
        var (code, output, _) = await CliRunner.RunAsync("secrets", "--context", context, "-f", "json");
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("shipped.txt", finding.GetProperty("path").GetString());
        Assert.Contains("COPY", finding.GetProperty("evidence").GetString(), StringComparison.Ordinal);
    }
}
