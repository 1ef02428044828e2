using Microsoft.Build.Logging.StructuredLogger;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>A binary log (<c>-bl</c>) of a real build, read with the structured log reader: which tasks really ran.</summary>
internal sealed class BuildLog
{
    private readonly Build build;

    private BuildLog(Build build) => this.build = build;

    public static BuildLog Read(string path) => new(BinaryLog.ReadBuild(path));

    /// <summary>The names of the tasks that executed, in any project of the build, once per execution.</summary>
    public IReadOnlyList<string> TasksRun() => build.FindChildrenRecursive<Microsoft.Build.Logging.StructuredLogger.Task>().Select(t => t.Name).ToList();

    /// <summary>The names of the targets that executed (ran their tasks), excluding those skipped as up to date or by condition.</summary>
    public IReadOnlyList<string> TargetsExecuted()
        => build.FindChildrenRecursive<Target>().Where(t => t.Children.OfType<Microsoft.Build.Logging.StructuredLogger.Task>().Any()).Select(t => t.Name).ToList();

    /// <summary>Every task that ran inside a target whose name starts with PipelineGuard, as "Target/Task".</summary>
    public IReadOnlyList<string> PipelineGuardWork()
        => build.FindChildrenRecursive<Target>()
            .Where(t => t.Name.StartsWith("PipelineGuard", StringComparison.Ordinal))
            .SelectMany(t => t.Children.OfType<Microsoft.Build.Logging.StructuredLogger.Task>().Select(task => $"{t.Name}/{task.Name}"))
            .ToList();

    /// <summary>Whether the build succeeded.</summary>
    public bool Succeeded => build.Succeeded;
}
