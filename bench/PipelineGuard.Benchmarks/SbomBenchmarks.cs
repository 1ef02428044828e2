using BenchmarkDotNet.Attributes;
using NuGet.Common;
using NuGet.ProjectModel;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;

namespace PipelineGuard.Benchmarks;

/// <summary>
/// The SBOM step in process, on a restored project (bench/sbom.sh restores the issue's ~200-package sample and sets
/// PIPELINEGUARD_SBOM_ASSETS): the streaming assets reader against NuGet.ProjectModel's LockFileUtilities, and the whole
/// step (read, nuspecs, graph, CycloneDX JSON) that must stay under 20 ms.
/// </summary>
[MemoryDiagnoser]
public class SbomBenchmarks
{
    private string _assets = string.Empty;
    private string? _project;

    [GlobalSetup]
    public void Setup()
    {
        _assets = Environment.GetEnvironmentVariable("PIPELINEGUARD_SBOM_ASSETS")
            ?? throw new InvalidOperationException("Set PIPELINEGUARD_SBOM_ASSETS to a restored project.assets.json (bench/sbom.sh does).");
        var directory = Path.GetDirectoryName(Path.GetDirectoryName(_assets))!;
        _project = Directory.GetFiles(directory, "*.csproj").FirstOrDefault();
    }

    [Benchmark(Baseline = true, Description = "NuGet.ProjectModel LockFileUtilities.GetLockFile")]
    public LockFile NuGetProjectModel() => LockFileUtilities.GetLockFile(_assets, NullLogger.Instance);

    [Benchmark(Description = "AssetsFileReader (Utf8JsonReader)")]
    public AssetsReadResult StreamingReader() => AssetsFileReader.Read(_assets);

    [Benchmark(Description = "SBOM step: generate + CycloneDX JSON")]
    public long GenerateAndWrite()
    {
        var result = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = _assets, ProjectFile = _project, SourceDateEpoch = 0 });
        using var stream = new MemoryStream();
        CycloneDxJsonWriter.Write(result.Document!, stream);
        return stream.Length;
    }
}
