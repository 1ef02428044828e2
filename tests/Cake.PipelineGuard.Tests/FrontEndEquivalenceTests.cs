using System.Text.Json;
using System.Text.Json.Nodes;
using PipelineGuard.Testing;
using Xunit;

namespace Cake.PipelineGuard.Tests;

/// <summary>
/// The three front ends are translations of one Core use case: the CLI, the Cake alias and the MSBuild task (in and
/// out of process) run the gate on the same folder, Dockerfile and policy, and must report the same verdict, the same
/// findings (rule, severity, place, message, exception) and the same base-image checks.
/// </summary>
public sealed class FrontEndEquivalenceTests
{
    [Fact]
    public async Task The_CLI_Cake_and_MSBuild_give_the_same_findings_for_the_same_inputs()
    {
        // UnsafeService fails in several ways at once: lint findings, an unpinned and unsigned base, a denied tag and
        // an expired exception. It gets a project file so MSBuild can run the gate on the very same folder.
        var project = SampleProject.Create("equivalence", SampleProject.ConsoleAppWithPipelineGuard(extraProperties: "<PipelineGuardPolicy>pipelineguard.yaml</PipelineGuardPolicy>"), new Dictionary<string, string>
        {
            ["Program.cs"] = "System.Console.WriteLine(\"equivalence\");\n",
        });
        var folder = project.Directory;
        var unsafeService = Path.Combine(RepositoryPaths.Root, "samples", "UnsafeService");
        File.Copy(Path.Combine(unsafeService, "Dockerfile"), Path.Combine(folder, "Dockerfile"));
        File.Copy(Path.Combine(unsafeService, "pipelineguard.yaml"), Path.Combine(folder, "pipelineguard.yaml"));
        SampleScriptTests.CopySample(Path.Combine(unsafeService, "base-image"), Path.Combine(folder, "base-image"));
        SampleScriptTests.CopySample(Path.Combine(RepositoryPaths.Root, "samples", "HelloService", "keys"), Path.Combine(folder, "keys"));
        var policy = Path.Combine(folder, "pipelineguard.yaml");
        File.WriteAllText(policy, File.ReadAllText(policy).Replace("../HelloService/keys/demo.pub", "keys/demo.pub", StringComparison.Ordinal));

        var cli = await PipelineGuardTool.RunAsync(folder, null, "gate", folder, "--policy", policy, "--format", "json", "--output-dir", Path.Combine(folder, "cli-report"));
        Assert.True(cli.ExitCode == 1, cli.ToString());

        var cake = await CakeScript.RunAsync("""
            PipelineGuardGate(".", new PipelineGuardGateSettings().WithPolicy("./pipelineguard.yaml").WithOutputDirectory("./cake-report"));
            """, [], null, folder);
        Assert.NotEqual(0, cake.ExitCode);

        var inProcess = await project.DotNetAsync("build", "-nologo", "-p:PipelineGuardRunOutOfProcess=false");
        Assert.True(inProcess.ExitCode != 0, inProcess.ToString());
        var msbuildReport = Path.Combine(folder, "obj", "Debug", "net10.0", "pipelineguard-gate", "pipelineguard.json");
        var inProcessReport = Comparable(msbuildReport);

        var outOfProcess = await project.DotNetAsync("build", "-nologo", "-p:PipelineGuardRunOutOfProcess=true");
        Assert.True(outOfProcess.ExitCode != 0, outOfProcess.ToString());

        var expected = Comparable(Path.Combine(folder, "cli-report", "pipelineguard.json"));
        Assert.Equal("fail", JsonNode.Parse(expected)!["verdict"]!.GetValue<string>());
        Assert.True(JsonNode.Parse(expected)!["findings"]!.AsArray().Count >= 4, expected);
        Assert.Equal(expected, Comparable(Path.Combine(folder, "cake-report", "pipelineguard.json")));
        Assert.Equal(expected, inProcessReport);
        Assert.Equal(expected, Comparable(msbuildReport));
    }

    /// <summary>The report without what differs by run (time, tool version, the input list of the one run).</summary>
    private static string Comparable(string report)
    {
        Assert.True(File.Exists(report), $"{report} was not written");
        var json = JsonNode.Parse(File.ReadAllText(report))!.AsObject();
        var comparable = new JsonObject
        {
            ["verdict"] = json["verdict"]?.DeepClone(),
            ["findings"] = json["findings"]?.DeepClone(),
            ["baseImages"] = json["baseImages"]?.DeepClone(),
        };
        return comparable.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
