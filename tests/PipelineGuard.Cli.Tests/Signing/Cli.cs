using PipelineGuard.Cli;

namespace PipelineGuard.Cli.Tests.Signing;

/// <summary>Runs <c>pipelineguard</c> in process with the test key password in the environment.</summary>
internal static class Cli
{
    public const string Password = "pipelineguard test password \u00e9";

    static Cli() => Environment.SetEnvironmentVariable("PIPELINEGUARD_PASSWORD", Password);

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => CliRunner.RunAsync(args);

    /// <summary>A fresh key pair in <paramref name="directory"/>; returns the prefix.</summary>
    public static async Task<string> NewKeyPairAsync(string directory, string name = "cosign")
    {
        var prefix = Path.Combine(directory, name);
        var (exit, _, error) = await RunAsync("generate-key-pair", "--output-key-prefix", prefix);
        if (exit != 0)
        {
            throw new InvalidOperationException(error);
        }

        return prefix;
    }
}
