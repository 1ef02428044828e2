using BenchmarkDotNet.Attributes;
using PipelineGuard.Dockerfiles;

namespace PipelineGuard.Benchmarks;

/// <summary>
/// In-process Dockerfile lint throughput on typical 40-line Dockerfiles (the lint-test corpus regrouped into files of
/// about 40 lines). One operation is one Dockerfile: files per second = 1 / mean time.
/// dotnet run -c Release --project bench/PipelineGuard.Benchmarks -- --filter '*LintBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class LintBenchmarks
{
    private const int Documents = 64;
    private string[] _texts = [];
    private DockerfileSyntax[] _parsed = [];

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Path.Combine(FindRoot(), "tests", "PipelineGuard.Core.Tests", "Dockerfiles", "Corpus");
        var lines = DockerfileLinter.FindDockerfiles(corpus)
            .Where(f => !File.ReadAllText(f).StartsWith("# escape", StringComparison.Ordinal))
            .Select(File.ReadAllLines)
            .ToList();
        var documents = new List<string>();
        var current = new List<string>();
        foreach (var file in lines)
        {
            // Whole files only (a cut could split a heredoc); groups of about 40 lines.
            current.AddRange(file);
            if (current.Count >= 34)
            {
                documents.Add(string.Join('\n', current) + "\n");
                current.Clear();
            }

            if (documents.Count == Documents)
            {
                break;
            }
        }

        _texts = [.. documents];
        Console.WriteLine($"// {_texts.Length} Dockerfiles, {_texts.Average(t => t.Count(c => c == '\n')):F1} lines on average");
        _parsed = [.. _texts.Select(t => DockerfileParser.Parse(t, "Dockerfile"))];
        if (_parsed.Any(p => !p.IsValid))
        {
            throw new InvalidOperationException("a benchmark document does not parse");
        }
    }

    [Benchmark(OperationsPerInvoke = Documents)]
    public int Parse()
    {
        var count = 0;
        foreach (var text in _texts)
        {
            count += DockerfileParser.Parse(text, "Dockerfile").Instructions.Count;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Documents)]
    public int ParseAndLint()
    {
        var count = 0;
        foreach (var text in _texts)
        {
            count += DockerfileLinter.Lint(text, "Dockerfile", LintConfiguration.Default).Findings.Count;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Documents)]
    public int LintParsed()
    {
        var count = 0;
        foreach (var syntax in _parsed)
        {
            count += DockerfileLinter.Lint(syntax, LintConfiguration.Default).Findings.Count;
        }

        return count;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PipelineGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PipelineGuard.sln not found");
    }
}
