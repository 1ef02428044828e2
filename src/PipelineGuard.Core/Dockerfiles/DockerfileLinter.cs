using PipelineGuard.Dockerfiles.Rules;

namespace PipelineGuard.Dockerfiles;

/// <summary>The linter: hadolint's rules plus PipelineGuard's security rules, over one parsed file or over paths.</summary>
public static class DockerfileLinter
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.OrdinalIgnoreCase) { ".git", "bin", "obj", "node_modules" };

    /// <summary>Lints a parsed Dockerfile; a file with parse errors yields only DL1000 findings (as hadolint).</summary>
    public static LintResult Lint(DockerfileSyntax syntax, LintConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!syntax.IsValid)
        {
            return ParseErrors(syntax, configuration);
        }

        var engine = new RuleEngine(syntax, configuration);
        return Collect(syntax, engine, engine.Run(), []);
    }

    /// <summary>Parses and lints <paramref name="text"/>.</summary>
    public static LintResult Lint(string text, string path, LintConfiguration configuration) => Lint(DockerfileParser.Parse(text, path), configuration);

    /// <summary>Lints a parsed Dockerfile and runs ShellCheck on its RUN scripts unless the configuration switches it off; a ShellCheck that fails is an error of the result, never "no findings".</summary>
    public static async Task<LintResult> LintAsync(DockerfileSyntax syntax, LintConfiguration configuration, ShellCheckRunner? shellCheck, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!syntax.IsValid)
        {
            return ParseErrors(syntax, configuration);
        }

        var engine = new RuleEngine(syntax, configuration);
        var findings = engine.Run();
        var notices = new List<string>();
        var errors = new List<string>();
        if (configuration.ShellCheck is not false)
        {
            if (shellCheck is null)
            {
                if (configuration.ShellCheck is true)
                {
                    errors.Add($"{syntax.Path}: ShellCheck is required but the shellcheck binary is not on PATH (install the shellcheck package, or drop --shellcheck)");
                }
                else
                {
                    notices.Add("ShellCheck is not on PATH, so the SC rules were not checked (install the shellcheck package; --no-shellcheck silences this).");
                }
            }
            else
            {
                try
                {
                    findings.AddRange(await shellCheck.CheckAsync(syntax, engine.RunScripts, configuration, cancellationToken));
                }
                catch (ShellCheckFailedException e)
                {
                    errors.Add($"{syntax.Path}:{e.Line}: {e.Message}");
                }
            }
        }

        return Collect(syntax, engine, findings, notices) with { Errors = errors };
    }

    /// <summary>Lints every path of <paramref name="options"/> (files, directories, <c>-</c>).</summary>
    public static async Task<LintReport> LintAsync(LintOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<LintResult>();
        var errors = new List<string>();
        var paths = options.Paths.Count == 0 ? ["Dockerfile"] : options.Paths;
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (path == "-")
            {
                var text = options.StandardInput is null ? string.Empty : await options.StandardInput.ReadToEndAsync(cancellationToken);
                results.Add(await LintAsync(DockerfileParser.Parse(text, "-"), options.Configuration, options.ShellCheck, cancellationToken));
                continue;
            }

            var files = Directory.Exists(path) ? FindDockerfiles(path) : [path];
            foreach (var file in files)
            {
                string text;
                try
                {
                    text = await IO.InputFile.ReadAllTextAsync(file, cancellationToken: cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.Add($"{file}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : ex.Message)}");
                    continue;
                }

                results.Add(await LintAsync(DockerfileParser.Parse(text, file), options.Configuration, options.ShellCheck, cancellationToken));
            }
        }

        errors.AddRange(results.SelectMany(r => r.Errors));
        return new LintReport(results, errors, errors.Count > 0 || IsFailure(results, options.Configuration)) { FilePathInReport = options.FilePathInReport };
    }

    /// <summary>True when any finding is at or above the failure threshold and no-fail is off (hadolint's exit rule).</summary>
    public static bool IsFailure(IEnumerable<LintResult> results, LintConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.NoFail || configuration.FailureThreshold == LintSeverity.Ignore)
        {
            return false;
        }

        return results.Any(r => r.Findings.Any(f => f.Severity <= configuration.FailureThreshold));
    }

    /// <summary>Dockerfiles under <paramref name="directory"/>: <c>Dockerfile</c>, <c>*.Dockerfile</c>, <c>Dockerfile.*</c>; skips .git, bin, obj and node_modules, and does not follow symbolic links to directories.</summary>
    public static IReadOnlyList<string> FindDockerfiles(string directory)
    {
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            try
            {
                foreach (var file in Directory.EnumerateFiles(current))
                {
                    var name = Path.GetFileName(file);
                    if (name.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase)
                        || name.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase)
                        || name.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase))
                    {
                        found.Add(file);
                    }
                }

                foreach (var sub in new DirectoryInfo(current).EnumerateDirectories())
                {
                    // Symbolic links (and junctions) to directories are not followed: a link loop would otherwise
                    // lint the same files again and again, and a link may leave the tree being linted.
                    if (!SkippedDirectories.Contains(sub.Name) && sub.LinkTarget is null && !sub.Attributes.HasFlag(FileAttributes.ReparsePoint))
                    {
                        pending.Push(Path.Combine(current, sub.Name));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An unreadable directory is skipped like hadolint's glob would.
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static LintResult ParseErrors(DockerfileSyntax syntax, LintConfiguration configuration)
    {
        var findings = syntax.Diagnostics
            .Select(d => new LintFinding("DL1000", configuration.SeverityOf("DL1000", LintSeverity.Error) == LintSeverity.Ignore ? LintSeverity.Error : configuration.SeverityOf("DL1000", LintSeverity.Error), d.Message, syntax.Path, d.Span.Line, d.Span.Column, d.Span))
            .OrderBy(f => f.Line).ThenBy(f => f.Column)
            .ToList();
        return new LintResult(syntax.Path, findings, []);
    }

    private static LintResult Collect(DockerfileSyntax syntax, RuleEngine engine, List<(LintFinding Finding, int Anchor)> findings, List<string> notices)
    {
        var kept = new List<LintFinding>(findings.Count);
        foreach (var (finding, anchor) in findings)
        {
            if (!engine.Suppressed(finding.Code, anchor))
            {
                kept.Add(finding);
            }
        }

        kept.Sort(static (a, b) =>
        {
            var c = a.Line.CompareTo(b.Line);
            if (c != 0)
            {
                return c;
            }

            c = a.Column.CompareTo(b.Column);
            return c != 0 ? c : string.CompareOrdinal(a.Code, b.Code);
        });
        return new LintResult(syntax.Path, kept, notices);
    }
}
