using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PipelineGuard.Dockerfiles.Rules;

namespace PipelineGuard.Dockerfiles;

/// <summary>
/// Runs the <c>shellcheck</c> binary on RUN scripts as hadolint does: a shebang for the stage's shell, <c>export NAME=1</c>
/// for the ARG and ENV names in scope, SC1090, SC1091 and SC2187 excluded; findings are mapped back to file positions.
/// </summary>
public sealed class ShellCheckRunner
{
    private const string Excluded = "SC1090,SC1091,SC2187";

    /// <summary>Creates a runner for the binary at <paramref name="executable"/>.</summary>
    public ShellCheckRunner(string executable)
    {
        Executable = executable;
    }

    /// <summary>The shellcheck binary.</summary>
    public string Executable { get; }

    /// <summary>Finds <c>shellcheck</c> on <paramref name="pathVariable"/> (the PATH value); null when it is not installed.</summary>
    public static ShellCheckRunner? Locate(string? pathVariable)
    {
        foreach (var directory in (pathVariable ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { "shellcheck.exe" } : ["shellcheck"])
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return new ShellCheckRunner(candidate);
                }
            }
        }

        return null;
    }

    internal async Task<List<(LintFinding Finding, int Anchor)>> CheckAsync(DockerfileSyntax syntax, IReadOnlyList<ShellCheckInput> scripts, LintConfiguration configuration, CancellationToken cancellationToken)
    {
        var findings = new List<(LintFinding, int)>();
        SourceText? source = null;
        foreach (var input in scripts)
        {
            var script = input.Script;
            if (!input.IsPosixShell || string.IsNullOrWhiteSpace(script.Script.Text))
            {
                continue;
            }

            var shell = input.ShellName switch
            {
                "bash" or "zsh" => "bash",
                "dash" => "dash",
                "ksh" or "mksh" => "ksh",
                _ => "sh",
            };
            var header = new StringBuilder();
            header.Append("#!/bin/").Append(shell).Append('\n');
            var headerLines = 1;
            foreach (var name in input.VariableNames.Order(StringComparer.Ordinal))
            {
                if (name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    header.Append("export ").Append(name).Append("=1\n");
                    headerLines++;
                }
            }

            var text = script.Script.Text.Replace("\r\n", "\n", StringComparison.Ordinal);
            var output = await RunAsync(shell, header + text, script.Instruction.Line, cancellationToken);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(output);
            }
            catch (JsonException e)
            {
                throw new ShellCheckFailedException($"ShellCheck wrote output that is not its JSON ({e.Message})", script.Instruction.Line, e);
            }

            using var parsed = document;
            if (parsed.RootElement.ValueKind != JsonValueKind.Object || !parsed.RootElement.TryGetProperty("comments", out var comments) || comments.ValueKind != JsonValueKind.Array)
            {
                throw new ShellCheckFailedException("ShellCheck's JSON has no 'comments' list", script.Instruction.Line);
            }

            var lineStarts = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    lineStarts.Add(i + 1);
                }
            }

            try
            {
                foreach (var comment in comments.EnumerateArray())
                {
                    var code = "SC" + comment.GetProperty("code").GetInt32();
                    var severity = comment.GetProperty("level").GetString() switch
                    {
                        "error" => LintSeverity.Error,
                        "warning" => LintSeverity.Warning,
                        "info" => LintSeverity.Info,
                        _ => LintSeverity.Style,
                    };
                    severity = configuration.SeverityOf(code, severity);
                    if (severity == LintSeverity.Ignore)
                    {
                        continue;
                    }

                    var line = comment.GetProperty("line").GetInt32() - headerLines - 1;
                    var column = comment.GetProperty("column").GetInt32() - 1;
                    var endLine = comment.GetProperty("endLine").GetInt32() - headerLines - 1;
                    var endColumn = comment.GetProperty("endColumn").GetInt32() - 1;
                    var start = Offset(lineStarts, line, column, text.Length);
                    var end = Math.Max(start, Offset(lineStarts, endLine, endColumn, text.Length));
                    var sourceStart = script.ToSourceOffset(start);
                    var sourceEnd = Math.Max(sourceStart, script.ToSourceOffset(Math.Max(start, end - 1)) + (end > start ? 1 : 0));
                    source ??= new SourceText(syntax.Text);
                    var span = source.Span(sourceStart, sourceEnd);
                    findings.Add((new LintFinding(code, severity, comment.GetProperty("message").GetString() ?? string.Empty, syntax.Path, span.Line, span.Column, span), script.Instruction.Line));
                }
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new ShellCheckFailedException($"ShellCheck's JSON is not in its json1 shape ({e.Message})", script.Instruction.Line, e);
            }
        }

        return findings;
    }

    private static int Offset(List<int> lineStarts, int line, int column, int length)
    {
        line = Math.Clamp(line, 0, lineStarts.Count - 1);
        return Math.Clamp(lineStarts[line] + Math.Max(0, column), 0, length);
    }

    private async Task<string> RunAsync(string shell, string script, int line, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "--format=json1", "--shell=" + shell, "--exclude=" + Excluded, "-" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ShellCheckFailedException($"ShellCheck ({Executable}) did not start", line);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ShellCheckFailedException($"ShellCheck ({Executable}) could not be started: {e.Message}", line, e);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var read = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            var inputClosed = false;
            try
            {
                await process.StandardInput.WriteAsync(script.AsMemory(), timeout.Token);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // It stopped reading before the script was written: its exit status and stderr say why.
                inputClosed = true;
            }

            try
            {
                await process.WaitForExitAsync(timeout.Token);
                var output = await read;
                var stderr = (await error).Trim();

                // shellcheck exits 0 with no comments and 1 with some; anything else (2 for a bad option, 3 for bad
                // syntax in its own arguments, 4 for an unknown shell) means it did not check the script.
                if (process.ExitCode is not (0 or 1) || inputClosed)
                {
                    throw new ShellCheckFailedException($"ShellCheck failed with exit code {process.ExitCode}{(stderr.Length > 0 ? ": " + FirstLines(stderr) : string.Empty)}", line);
                }

                if (string.IsNullOrWhiteSpace(output))
                {
                    throw new ShellCheckFailedException($"ShellCheck exited with {process.ExitCode} but wrote nothing{(stderr.Length > 0 ? ": " + FirstLines(stderr) : string.Empty)}", line);
                }

                return output;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new ShellCheckFailedException("ShellCheck did not finish within 30 seconds", line);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }
    }

    private static string FirstLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" / ", lines.Take(3)) + (lines.Length > 3 ? " ..." : string.Empty);
    }
}
