using PipelineGuard.Sbom.Image;
using Spectre.Console;

namespace PipelineGuard.Cli.Commands;

/// <summary>
/// Progress bars on standard error for long work, shown only when standard error is this process's terminal (never in
/// logs, pipes or CI output, and never when <c>PIPELINEGUARD_NO_PROGRESS</c> is set).
/// </summary>
internal static class TerminalProgress
{
    public static bool IsShownOn(TextWriter stderr)
        => ReferenceEquals(stderr, Console.Error)
           && !Console.IsErrorRedirected
           && Environment.GetEnvironmentVariable("TERM") is not "dumb"
           && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PIPELINEGUARD_NO_PROGRESS"));

    /// <summary>Runs <paramref name="work"/> with a bar per image layer when <paramref name="stderr"/> is a terminal, else with no progress sink.</summary>
    public static async Task<T> ForImageLayersAsync<T>(TextWriter stderr, Func<IProgress<ImageScanProgress>?, Task<T>> work)
    {
        if (!IsShownOn(stderr))
        {
            return await work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(context => work(new LayerBars(context)));
    }

    private sealed class LayerBars(ProgressContext context) : IProgress<ImageScanProgress>
    {
        private readonly Dictionary<int, ProgressTask> _bars = [];
        private readonly Lock _gate = new();

        public void Report(ImageScanProgress value)
        {
            lock (_gate)
            {
                if (!_bars.TryGetValue(value.LayerIndex, out var bar))
                {
                    var digest = value.LayerDigest.Length > 19 ? value.LayerDigest[..19] : value.LayerDigest;
                    bar = context.AddTask($"layer {value.LayerIndex + 1}/{value.LayerCount} {digest}", maxValue: Math.Max(1, value.LayerSize));
                    _bars[value.LayerIndex] = bar;
                }

                bar.Value = Math.Min(value.BytesRead, bar.MaxValue);
                if (value.IsLayerDone)
                {
                    bar.Value = bar.MaxValue;
                    bar.StopTask();
                }
            }
        }
    }
}
