using Cake.Core;
using Cake.Core.Diagnostics;

namespace Cake.PipelineGuard;

/// <summary>How an alias ends: log the failure and throw, or log it and hand the result back when FailOnError is off.</summary>
internal static class AliasOutcome
{
    public static TResult Complete<TResult>(ICakeContext context, PipelineGuardSettings settings, string verb, TResult result)
        where TResult : PipelineGuardResult
    {
        if (result.Succeeded)
        {
            return result;
        }

        var message = result.Errors.Count == 0 ? $"pipelineguard {verb}: failed" : $"pipelineguard {verb}: {string.Join("; ", result.Errors)}";
        if (settings.FailOnError)
        {
            throw new CakeException(message);
        }

        // Cake's log takes a format string; user text goes in as an argument so braces in it stay literal.
        context.Log.Error("{0}", message);
        return result;
    }

    /// <summary>Writes a line to Cake's log at the given level without treating it as a format string.</summary>
    public static void Write(ICakeContext context, LogLevel level, string line) => context.Log.Write(Verbosity.Normal, level, "{0}", line);
}
