using Xunit;

namespace PipelineGuard.Core.Tests;

/// <summary>
/// Tests that compare timings run in this collection: xunit runs it after the parallel collections, alone, so other
/// tests of the same process do not steal the cores a measurement is taken on.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Timing-sensitive tests";
}
