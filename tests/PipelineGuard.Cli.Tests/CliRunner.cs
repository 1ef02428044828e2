using PipelineGuard.Cli;

namespace PipelineGuard.Cli.Tests;

/// <summary>Runs the tool in process, capturing what it writes.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PipelineGuardCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
