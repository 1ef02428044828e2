using PipelineGuard.Core.Tests.Gate;
using PipelineGuard.Gate;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Jobs;

/// <summary>The gate job the command line, MSBuild and Cake share: the run and its reports, written in one place.</summary>
public sealed class GateJobTests
{
    private static GateOptions UnsafeService(string output)
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "UnsafeService");
        var loaded = PolicyLoader.Load(Path.Combine(sample, PolicyLoader.DefaultFileName));
        Assert.True(loaded.Policy is not null, string.Join('\n', loaded.Diagnostics));
        return new GateOptions { Path = sample, Policy = loaded.Policy, OutputDirectory = output, Now = GateResults.Now };
    }

    [Fact]
    public async Task Every_report_form_of_the_table_is_written_with_its_writer_by_default()
    {
        var output = Path.Combine(RepositoryPaths.NewTempDirectory("gate-job"), "report");
        var job = await GateJob.RunAsync(new GateJobOptions { Gate = UnsafeService(output) });

        Assert.True(job.Run.Result is not null, string.Join('\n', job.Run.ConfigurationErrors));
        Assert.Equal(GateReportFormats.All.Select(f => Path.Combine(output, f.FileName)), job.Reports);
        foreach (var format in GateReportFormats.All)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(output, format.FileName));
            Assert.False(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]), $"{format.Name} starts with a byte-order mark");
            Assert.Equal(format.Write(job.Run.Result), System.Text.Encoding.UTF8.GetString(bytes));
        }
    }

    [Fact]
    public async Task Only_the_forms_asked_for_are_written_and_unchanged_ones_are_left_alone()
    {
        var output = Path.Combine(RepositoryPaths.NewTempDirectory("gate-job"), "report");
        var options = new GateJobOptions { Gate = UnsafeService(output), Formats = ["markdown", "json"], WriteOnlyWhenChanged = true };
        var first = await GateJob.RunAsync(options);
        Assert.Equal([Path.Combine(output, "pipelineguard.json"), Path.Combine(output, "pipelineguard.md")], first.Reports);
        Assert.False(File.Exists(Path.Combine(output, "pipelineguard.sarif")));

        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(first.Reports[0], stamp);
        await GateJob.RunAsync(options);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(first.Reports[0]));
    }

    [Fact]
    public async Task An_unknown_form_is_a_configuration_error_before_anything_runs()
    {
        var output = Path.Combine(RepositoryPaths.NewTempDirectory("gate-job"), "report");
        var job = await GateJob.RunAsync(new GateJobOptions { Gate = UnsafeService(output), Formats = ["pdf"] });

        Assert.Null(job.Run.Result);
        Assert.Contains("'pdf'", Assert.Single(job.Run.ConfigurationErrors), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
