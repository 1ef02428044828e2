using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/PipelineGuard.Benchmarks -- --filter '*Lint*'
if (args is ["sbom-step", var assets])
{
    PipelineGuard.Benchmarks.SbomStepTiming.Run(assets);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The benchmark entry point (the switcher finds every [Benchmark] class in this assembly).</summary>
public static partial class Program;
