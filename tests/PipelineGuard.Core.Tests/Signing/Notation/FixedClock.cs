namespace PipelineGuard.Core.Tests.Signing.Notation;

/// <summary>A clock pinned to one instant, so expiry and validity do not depend on the day the tests run.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
