using PipelineGuard.Gate;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Gate;

public sealed class GateProgressTests
{
    private sealed class RecordedProgress : IProgress<GateProgress>
    {
        public List<GateProgress> Reports { get; } = [];

        public void Report(GateProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task Each_check_is_announced_in_order_and_the_last_report_says_all_are_done()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "UnsafeService");
        var loaded = PolicyLoader.Parse(await File.ReadAllTextAsync(Path.Combine(sample, "pipelineguard.yaml")), "pipelineguard.yaml", sample);
        Assert.True(loaded.Policy is not null, string.Join('\n', loaded.Diagnostics));
        var progress = new RecordedProgress();
        var run = await GateRunner.RunAsync(new GateOptions { Path = sample, Policy = loaded.Policy, Now = GateResults.Now, Progress = progress });
        Assert.True(run.Result is not null, string.Join('\n', run.ConfigurationErrors));

        var total = progress.Reports[0].Total;
        Assert.All(progress.Reports, r => Assert.Equal(total, r.Total));
        Assert.Equal(Enumerable.Range(0, total + 1), progress.Reports.Select(r => r.Done));
        Assert.Equal("done", progress.Reports[^1].Step);
        Assert.Equal(run.Result.Dockerfiles.Count, progress.Reports.Count(r => r.Step == "Dockerfile"));
        Assert.Equal(loaded.Policy.Images.References.Count, progress.Reports.Count(r => r.Step == "image"));
    }
}
