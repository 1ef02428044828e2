using Xunit;

namespace PipelineGuard.Core.Tests;

public sealed class PipelineGuardInfoTests
{
    [Fact]
    public void Version_comes_from_the_assembly_and_short_version_drops_build_metadata()
    {
        var assemblyVersion = typeof(PipelineGuardInfo).Assembly.GetName().Version!;
        Assert.StartsWith($"{assemblyVersion.Major}.{assemblyVersion.Minor}.{assemblyVersion.Build}", PipelineGuardInfo.Version, StringComparison.Ordinal);
        Assert.DoesNotContain('+', PipelineGuardInfo.ShortVersion);
        Assert.StartsWith(PipelineGuardInfo.ShortVersion, PipelineGuardInfo.Version, StringComparison.Ordinal);
    }
}
