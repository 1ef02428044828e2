namespace PipelineGuard.Testing;

/// <summary>
/// Runs a program with a pseudo-terminal as its standard output and error, through util-linux's <c>script</c>, so a
/// test sees what a person at a terminal sees (progress bars, colours). Everything the program wrote comes back as
/// standard output of the result, terminal control sequences included.
/// </summary>
public static class PseudoTerminal
{
    public static Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null)
    {
        var script = ProcessRunner.Require("script", "install util-linux (Debian: bsdutils)");
        var command = string.Join(' ', new[] { program }.Concat(arguments).Select(Quote));
        return ProcessRunner.RunAsync(
            script,
            ["--quiet", "--flush", "--return", "--command", command, "/dev/null"],
            workingDirectory,
            new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["COLUMNS"] = "100", ["PIPELINEGUARD_NO_PROGRESS"] = null, ["CI"] = null },
            timeout: timeout ?? TimeSpan.FromMinutes(1));
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
