using PipelineGuard.Testing;
using Xunit;

namespace Cake.PipelineGuard.Tests;

/// <summary>Assertions on a finished <c>dotnet cake</c> run.</summary>
internal static class Scripts
{
    public static void Passed(ProcessResult run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>The run failed the way a CakeException fails it: exit code 1 and the message on the log.</summary>
    public static void FailedWith(ProcessResult run, string message)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message, run.Output, StringComparison.Ordinal);
    }

    /// <summary>Quotes a path for a C# string literal in a script.</summary>
    public static string Literal(string path) => "@\"" + path.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
