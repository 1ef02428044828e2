using System.Diagnostics;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;

namespace PipelineGuard.Benchmarks;

/// <summary>
/// The in-process SBOM step timed by CPU time as well as wall time (`-- sbom-step ASSETS`): on a shared, oversubscribed
/// machine wall time mostly measures waiting for a core, while the process's CPU time per step stays meaningful.
/// </summary>
public static class SbomStepTiming
{
    /// <summary>Runs the step 10 times to warm up, then 50 times, and prints the medians.</summary>
    public static void Run(string assets)
    {
        var project = Directory.GetFiles(Path.GetDirectoryName(Path.GetDirectoryName(assets))!, "*.csproj").FirstOrDefault();
        var process = Process.GetCurrentProcess();
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = assets, ProjectFile = project, SourceDateEpoch = 0 });
            using var stream = new MemoryStream();
            CycloneDxJsonWriter.Write(result.Document!, stream);
            watch.Stop();
            process.Refresh();
            if (i >= 10)
            {
                wall.Add(watch.Elapsed.TotalMilliseconds);
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine($"SBOM step (generate + CycloneDX JSON, {Path.GetFileName(assets)}): median wall {Median(wall):F1} ms, median CPU {Median(cpu):F1} ms, min wall {wall.Min():F1} ms over {wall.Count} runs");
    }
}
