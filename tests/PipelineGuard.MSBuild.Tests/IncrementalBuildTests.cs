using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>A no-op build does no PipelineGuard work, proved from binary logs; a touched Dockerfile re-runs only the lint.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class IncrementalBuildTests
{
    [Fact]
    public async Task A_second_build_with_no_changes_runs_no_PipelineGuard_task_and_a_touched_Dockerfile_reruns_only_the_lint()
    {
        var project = EndToEnd.ConsoleApp("Incremental", files: new Dictionary<string, string> { ["Dockerfile"] = EndToEnd.LintedDockerfile });
        var sbom = Path.Combine(project.Directory, "bin", "Debug", "net10.0", "Incremental.cdx.json");

        await project.SucceedsAsync("build", "-nologo", "-bl:first.binlog");
        var first = BuildLog.Read(Path.Combine(project.Directory, "first.binlog"));
        Assert.Contains("PipelineGuardLint/LintDockerfiles", first.PipelineGuardWork());
        Assert.Contains("PipelineGuardGenerateSbom/GenerateSbom", first.PipelineGuardWork());
        var sbomWritten = File.GetLastWriteTimeUtc(sbom);

        await project.SucceedsAsync("build", "-nologo", "-bl:second.binlog");
        var second = BuildLog.Read(Path.Combine(project.Directory, "second.binlog"));
        Assert.True(second.Succeeded);
        Assert.Empty(second.PipelineGuardWork());
        Assert.DoesNotContain(second.TasksRun(), t => t is "LintDockerfiles" or "GenerateSbom" or "SignFiles");
        // The SBOM survives the SDK's incremental clean (it is in FileWrites) and is not rewritten.
        Assert.True(File.Exists(sbom));
        Assert.Equal(sbomWritten, File.GetLastWriteTimeUtc(sbom));

        File.SetLastWriteTimeUtc(Path.Combine(project.Directory, "Dockerfile"), DateTime.UtcNow);
        await project.SucceedsAsync("build", "-nologo", "-bl:third.binlog");
        var third = BuildLog.Read(Path.Combine(project.Directory, "third.binlog"));
        Assert.Equal(["PipelineGuardLint/LintDockerfiles"], third.PipelineGuardWork().Where(w => !w.EndsWith("/Delete", StringComparison.Ordinal) && !w.EndsWith("/MakeDir", StringComparison.Ordinal) && !w.EndsWith("/Touch", StringComparison.Ordinal)));
        Assert.DoesNotContain(third.TasksRun(), t => t is "GenerateSbom");
        Assert.Equal(sbomWritten, File.GetLastWriteTimeUtc(sbom));
    }

    [Fact]
    public async Task A_design_time_build_runs_no_PipelineGuard_task()
    {
        var project = EndToEnd.ConsoleApp("DesignTime", files: new Dictionary<string, string> { ["Dockerfile"] = EndToEnd.LintedDockerfile });
        // What an IDE asks for: the compile targets with the compiler skipped.
        string[] compile = ["msbuild", "-restore", "-nologo", "-t:Compile", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true"];

        await project.SucceedsAsync([.. compile, "-p:DesignTimeBuild=true", "-bl:design.binlog"]);
        Assert.Empty(BuildLog.Read(Path.Combine(project.Directory, "design.binlog")).PipelineGuardWork());

        // The same targets outside a design-time build do lint: the check above is not vacuous.
        await project.SucceedsAsync([.. compile, "-bl:control.binlog"]);
        Assert.Contains("PipelineGuardLint/LintDockerfiles", BuildLog.Read(Path.Combine(project.Directory, "control.binlog")).PipelineGuardWork());
    }
}
