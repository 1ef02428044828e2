namespace PipelineGuard.Gate;

/// <summary>The gate is about to check <paramref name="Item"/>, the <paramref name="Done"/>+1-th of <paramref name="Total"/> checks.</summary>
/// <param name="Step">What kind of check: <c>Dockerfile</c> (lint and base images), <c>image</c> (a produced image) or <c>SBOM</c>.</param>
/// <param name="Item">The file or image being checked.</param>
/// <param name="Done">Checks finished so far.</param>
/// <param name="Total">All checks of the run.</param>
public sealed record GateProgress(string Step, string Item, int Done, int Total);
