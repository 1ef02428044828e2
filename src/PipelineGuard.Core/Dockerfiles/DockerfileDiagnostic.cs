namespace PipelineGuard.Dockerfiles;

/// <summary>Why (part of) a Dockerfile could not be parsed; the linter reports each as DL1000.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Span">Where it is.</param>
public sealed record DockerfileDiagnostic(string Message, SourceSpan Span);
