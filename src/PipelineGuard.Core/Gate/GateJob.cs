using System.Diagnostics.CodeAnalysis;
using System.Text;
using PipelineGuard.IO;

namespace PipelineGuard.Gate;

/// <summary>One report form of the gate: the name front ends use, the file it is written to and its writer.</summary>
/// <param name="Name">The name (<c>json</c>, <c>sarif</c>, <c>markdown</c>, <c>html</c>).</param>
/// <param name="FileName">The file in the report folder.</param>
/// <param name="Write">Writes the result in this form.</param>
public sealed record GateReportFormat(string Name, string FileName, Func<GateResult, string> Write);

/// <summary>The one table of gate report forms; the command line's <c>--format</c>, the Cake alias and the MSBuild task read it.</summary>
public static class GateReportFormats
{
    /// <summary>Every form, in the order reports are listed.</summary>
    public static IReadOnlyList<GateReportFormat> All { get; } =
    [
        new("json", "pipelineguard.json", GateJsonWriter.Write),
        new("sarif", "pipelineguard.sarif", SarifWriter.Write),
        new("markdown", "pipelineguard.md", MarkdownSummaryWriter.Write),
        new("html", "pipelineguard.html", HtmlReportWriter.Write),
    ];

    /// <summary>The names, in table order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <summary>Finds a form by name.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out GateReportFormat? format)
    {
        format = All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
        return format is not null;
    }
}

/// <summary>What the gate job runs and which reports it writes.</summary>
public sealed record GateJobOptions
{
    /// <summary>The gate run; its <see cref="GateOptions.OutputDirectory"/> is where the reports go (created when missing).</summary>
    public required GateOptions Gate { get; init; }

    /// <summary>The report forms to write, by name (<see cref="GateReportFormats.Names"/>); all by default.</summary>
    public IReadOnlyList<string> Formats { get; init; } = GateReportFormats.Names;

    /// <summary>Leave a report whose content is unchanged untouched (for incremental builds).</summary>
    public bool WriteOnlyWhenChanged { get; init; }

    /// <summary>
    /// A file to write the run's <see cref="GateResult.InputFiles"/> to, one full path a line, with the line
    /// <see cref="DailyMarker"/> when the outcome depends on the day: an incremental build (the MSBuild package) reads it
    /// to know when the gate must run again. Null writes none.
    /// </summary>
    public string? InputsListFile { get; init; }

    /// <summary>The line of <see cref="InputsListFile"/> saying the outcome depends on the day.</summary>
    public const string DailyMarker = ":daily";
}

/// <summary>The gate job's outcome: the run and the reports written, in table order.</summary>
/// <param name="Run">The gate's result, or its configuration errors.</param>
/// <param name="Reports">The full paths of the reports (also those left unchanged), none when the run could not start.</param>
public sealed record GateJobResult(GateRun Run, IReadOnlyList<string> Reports);

/// <summary>
/// The gate job the command line, the MSBuild task and the Cake alias share: runs the gate and writes its reports, in
/// one place, as UTF-8 without a byte-order mark.
/// </summary>
public static class GateJob
{
    /// <summary>Runs the gate and writes the reports asked for.</summary>
    public static async Task<GateJobResult> RunAsync(GateJobOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var formats = new List<GateReportFormat>();
        foreach (var name in options.Formats.Distinct(StringComparer.Ordinal))
        {
            if (!GateReportFormats.TryParse(name, out var format))
            {
                return new GateJobResult(new GateRun(null, [$"report format '{name}' is not one of {string.Join(", ", GateReportFormats.Names)}"]), []);
            }

            formats.Add(format);
        }

        var output = options.Gate.OutputDirectory is { } folder ? Path.GetFullPath(folder) : null;
        if (output is not null)
        {
            if (File.Exists(output))
            {
                return new GateJobResult(new GateRun(null, [$"the report folder {output} is a file, not a directory."]), []);
            }

            try
            {
                Directory.CreateDirectory(output);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new GateJobResult(new GateRun(null, [$"the report folder {output} cannot be created ({e.Message})."]), []);
            }
        }

        var run = await GateRunner.RunAsync(options.Gate with { OutputDirectory = output }, cancellationToken);
        if (run.Result is not { } result)
        {
            return new GateJobResult(run, []);
        }

        if (options.InputsListFile is { } list)
        {
            var lines = result.InputFiles.Concat(result.DependsOnDate ? [GateJobOptions.DailyMarker] : []);
            var text = string.Concat(lines.Select(l => l + "\n"));
            if (!File.Exists(list) || await File.ReadAllTextAsync(list, cancellationToken) != text)
            {
                // The folder may not exist yet: a project without a Dockerfile has no lint step to make it first.
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(list))!);
                await AtomicFile.WriteTextAsync(list, text, cancellationToken: cancellationToken);
            }
        }

        if (output is null)
        {
            return new GateJobResult(run, []);
        }

        var reports = new List<string>();
        foreach (var format in GateReportFormats.All.Where(formats.Contains))
        {
            var file = Path.Combine(output, format.FileName);
            var bytes = new UTF8Encoding(false).GetBytes(format.Write(result));
            if (!options.WriteOnlyWhenChanged || !File.Exists(file) || !(await File.ReadAllBytesAsync(file, cancellationToken)).AsSpan().SequenceEqual(bytes))
            {
                // Written beside, flushed and moved, so a reader never sees half a report and a full disk leaves the old one.
                await AtomicFile.WriteAsync(file, bytes, cancellationToken: cancellationToken);
            }

            reports.Add(file);
        }

        return new GateJobResult(run, reports);
    }
}
