using PipelineGuard.Testing;
using PipelineGuard.Testing.Secrets;
using Xunit;

namespace Cake.PipelineGuard.Tests;

/// <summary>The <c>PipelineGuardSecrets</c> alias in a real <c>dotnet cake</c> run: the same scan, the same redaction, the build stops on a secret.</summary>
public sealed class SecretsAliasTests
{
    [Fact]
    public async Task A_secret_in_a_package_stops_the_script_with_a_canonical_error_and_never_the_secret()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-secrets");
        var planted = PlantedPackages.ConnectionString;
        var package = PlantedPackages.WriteWithConnectionString(Path.Combine(dir, "Web.1.0.0.nupkg"));

        var run = await CakeScript.RunAsync("""
            PipelineGuardSecrets(File("./Web.1.0.0.nupkg"), new PipelineGuardSecretsSettings().WithReport("./report/secrets.sarif"));
            Information("not reached");
            """, [], null, dir);

        Scripts.FailedWith(run, "pipelineguard secrets: 1 secret(s) found in package Web.1.0.0.nupkg");
        Assert.Contains($"{package}: error PG4040: appsettings-connection-string: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("in content/appsettings.Development.json:3:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(planted.Secret!, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
        var sarif = await File.ReadAllTextAsync(Path.Combine(dir, "report", "secrets.sarif"));
        Assert.Contains("\"ruleId\": \"PG4040\"", sarif, StringComparison.Ordinal);
        Assert.DoesNotContain(planted.Secret!, sarif, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_folder_passes_and_the_result_says_what_was_scanned()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-secrets-clean");
        Directory.CreateDirectory(Path.Combine(dir, "src"));
        File.WriteAllText(Path.Combine(dir, "src", "appsettings.json"), "{\"Logging\":{}}\n");

        var run = await CakeScript.RunAsync("""
            var result = PipelineGuardSecrets(Directory("./src"));
            Information("findings: " + result.Findings.Count + ", scanned: " + result.Scan.FilesScanned);
            """, [], null, dir);

        Scripts.Passed(run);
        Assert.Contains("findings: 0, scanned: 1", run.Output, StringComparison.Ordinal);
    }
}
