namespace PipelineGuard.Dockerfiles.Rules;

/// <summary>A RUN script for ShellCheck with the stage's shell and the ARG/ENV names in scope at that RUN.</summary>
internal sealed record ShellCheckInput(RunScript Script, string ShellName, bool IsPosixShell, IReadOnlyCollection<string> VariableNames);
