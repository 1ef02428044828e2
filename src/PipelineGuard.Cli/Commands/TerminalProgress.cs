using PipelineGuard.Gate;
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

        return await Create().Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(context => work(new LayerBars(context)));
    }

    /// <summary>Runs the gate with one bar over its checks, naming the check under way, when <paramref name="stderr"/> is a terminal.</summary>
    public static async Task<T> ForGateAsync<T>(TextWriter stderr, Func<IProgress<GateProgress>?, Task<T>> work)
    {
        if (!IsShownOn(stderr))
        {
            return await work(null);
        }

        return await Create().Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context => work(new GateBar(context)));
    }

    private static IAnsiConsole Create()
        => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });

    private sealed class GateBar(ProgressContext context) : IProgress<GateProgress>
    {
        private readonly Lock _gate = new();
        private ProgressTask? _bar;

        public void Report(GateProgress value)
        {
            lock (_gate)
            {
                _bar ??= context.AddTask("gate", maxValue: Math.Max(1, value.Total));
                _bar.Value = value.Done;
                _bar.Description = value.Done >= value.Total
                    ? $"gate: {value.Total} check(s) done"
                    : $"gate: {value.Step} {Markup.Escape(value.Item)} ({value.Done + 1}/{value.Total})";
                if (value.Done >= value.Total)
                {
                    _bar.Value = _bar.MaxValue;
                    _bar.StopTask();
                }
            }
        }
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
