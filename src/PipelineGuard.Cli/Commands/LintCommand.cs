using System.Collections;
using System.CommandLine;
using PipelineGuard.Dockerfiles;
using PipelineGuard.Dockerfiles.Writers;
using PipelineGuard.Findings;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard lint</c>: hadolint's command line (flags, config lookup, formats and exit codes) over PipelineGuard's linter.</summary>
internal static class LintCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("DOCKERFILE") { Arity = ArgumentArity.ZeroOrMore, Description = "Dockerfiles, directories (searched recursively) or - for standard input." };
        var format = new Option<string?>("--format", "-f") { Description = $"Output format: {LintOutputFormatNames.AllText} (default tty).", HelpName = "FORMAT" };
        var config = new Option<string?>("--config", "-c") { Description = "Path to the configuration file (default: hadolint's lookup of .hadolint.yaml).", HelpName = "FILENAME" };
        var threshold = new Option<string?>("--failure-threshold", "-t") { Description = "Fail only on findings at or above this level: error, warning, info, style, ignore, none (default info).", HelpName = "THRESHOLD" };
        var ignore = new Option<string[]>("--ignore") { Description = "A rule to ignore (repeatable).", HelpName = "RULECODE", Arity = ArgumentArity.ZeroOrMore };
        var error = new Option<string[]>("--error") { Description = "Make a rule an error (repeatable).", HelpName = "RULECODE", Arity = ArgumentArity.ZeroOrMore };
        var warning = new Option<string[]>("--warning") { Description = "Make a rule a warning (repeatable).", HelpName = "RULECODE", Arity = ArgumentArity.ZeroOrMore };
        var info = new Option<string[]>("--info") { Description = "Make a rule info (repeatable).", HelpName = "RULECODE", Arity = ArgumentArity.ZeroOrMore };
        var style = new Option<string[]>("--style") { Description = "Make a rule style (repeatable).", HelpName = "RULECODE", Arity = ArgumentArity.ZeroOrMore };
        var trusted = new Option<string[]>("--trusted-registry") { Description = "A registry FROM may use (repeatable; wildcards like *.gcr.io).", HelpName = "REGISTRY", Arity = ArgumentArity.ZeroOrMore };
        var requireLabel = new Option<string[]>("--require-label") { Description = "A required label and its format, label:format (repeatable).", HelpName = "LABELSCHEMA", Arity = ArgumentArity.ZeroOrMore };
        var strictLabels = new Option<bool>("--strict-labels") { Description = "Report labels not in the label schema." };
        var disablePragma = new Option<bool>("--disable-ignore-pragma") { Description = "Ignore inline '# hadolint ignore=' pragmas." };
        var noFail = new Option<bool>("--no-fail") { Description = "Exit 0 even when rules are violated." };
        var noColor = new Option<bool>("--no-color") { Description = "No colour in tty output." };
        var verbose = new Option<bool>("--verbose", "-V") { Description = "Print the configuration file used to standard error." };
        var filePathInReport = new Option<string?>("--file-path-in-report") { Description = "The file path shown in the report for every file linted (for example the repository path when linting in a container or from standard input). As in hadolint, only the checkstyle, codeclimate, gitlab_codeclimate, sonarqube and junit formats use it; the others show the real path.", HelpName = "FILEPATHINREPORT" };
        var showVersion = new Option<bool>("--version", "-v") { Description = "Show the version and exit." };
        var shellCheck = new Option<bool>("--shellcheck") { Description = "Require ShellCheck on RUN scripts: a missing shellcheck binary is a usage error (exit 2). Without it, ShellCheck runs when it is on PATH, as in hadolint." };
        var noShellCheck = new Option<bool>("--no-shellcheck") { Description = "Do not run ShellCheck on RUN scripts." };

        var command = new Command("lint", "Lint Dockerfiles: hadolint's rules, configuration, pragmas and output formats, plus PipelineGuard's security rules (PG1xxx).")
        {
            paths, format, config, threshold, ignore, error, warning, info, style, trusted, requireLabel, strictLabels, disablePragma, noFail, noColor, verbose, shellCheck, noShellCheck, filePathInReport, showVersion,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (parse.GetValue(showVersion))
            {
                await output.WriteLineAsync($"{PipelineGuardInfo.ProductName} {PipelineGuardInfo.Version}");
                return ExitCodes.Pass;
            }

            var usage = new List<string>();

            LintOutputFormat? formatValue = null;
            if (parse.GetValue(format) is { } formatText)
            {
                if (LintOutputFormatNames.TryParse(formatText, out var parsed))
                {
                    formatValue = parsed;
                }
                else
                {
                    usage.Add($"--format '{formatText}' is not one of {LintOutputFormatNames.AllText}");
                }
            }

            LintSeverity? thresholdValue = null;
            if (parse.GetValue(threshold) is { } thresholdText)
            {
                if (LintSeverityNames.TryParse(thresholdText, out var parsed))
                {
                    thresholdValue = parsed;
                }
                else
                {
                    usage.Add($"--failure-threshold '{thresholdText}' is not one of error, warning, info, style, ignore, none");
                }
            }

            var overrides = new Dictionary<string, LintSeverity>(StringComparer.Ordinal);
            foreach (var (option, severity) in new[] { (style, LintSeverity.Style), (info, LintSeverity.Info), (warning, LintSeverity.Warning), (error, LintSeverity.Error) })
            {
                foreach (var code in parse.GetValue(option) ?? [])
                {
                    overrides[code] = severity;
                }
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in parse.GetValue(requireLabel) ?? [])
            {
                var colon = item.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    usage.Add($"--require-label '{item}' must be label:format");
                    continue;
                }

                labels[item[..colon]] = item[(colon + 1)..];
            }

            if (usage.Count > 0)
            {
                foreach (var message in usage)
                {
                    await stderr.WriteLineAsync($"pipelineguard lint: {message}");
                }

                return ExitCodes.Usage;
            }

            var commandLine = new LintSettings
            {
                Ignored = parse.GetValue(ignore) is { Length: > 0 } ignored ? ignored : null,
                Overrides = overrides.Count > 0 ? overrides : null,
                TrustedRegistries = parse.GetValue(trusted) is { Length: > 0 } registries ? registries : null,
                LabelSchema = labels.Count > 0 ? labels : null,
                StrictLabels = parse.GetValue(strictLabels) ? true : null,
                DisableIgnorePragma = parse.GetValue(disablePragma) ? true : null,
                NoFail = parse.GetValue(noFail) ? true : null,
                NoColor = parse.GetValue(noColor) ? true : null,
                FailureThreshold = thresholdValue,
                Format = formatValue,
                ShellCheck = parse.GetValue(noShellCheck) ? false : parse.GetValue(shellCheck) ? true : null,
            };

            var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                environment[(string)entry.Key] = entry.Value as string;
            }

            var loaded = LintConfigurationLoader.Load(parse.GetValue(config), Directory.GetCurrentDirectory(), environment, commandLine);
            if (loaded.Configuration is not { } configuration)
            {
                foreach (var problem in loaded.Errors)
                {
                    await stderr.WriteLineAsync($"pipelineguard lint: configuration error: {problem}");
                }

                return ExitCodes.Usage;
            }

            if (parse.GetValue(verbose))
            {
                await stderr.WriteLineAsync(loaded.ConfigFile is null ? "pipelineguard lint: no configuration file found" : $"pipelineguard lint: configuration file {loaded.ConfigFile}");
            }

            if (parse.GetValue(shellCheck) && parse.GetValue(noShellCheck))
            {
                await stderr.WriteLineAsync("pipelineguard lint: --shellcheck and --no-shellcheck contradict each other: give one.");
                return ExitCodes.Usage;
            }

            var shellCheckRunner = configuration.ShellCheck is false ? null : ShellCheckRunner.Locate(Environment.GetEnvironmentVariable("PATH"));
            if (configuration.ShellCheck is true && shellCheckRunner is null)
            {
                await stderr.WriteLineAsync("pipelineguard lint: ShellCheck is required (--shellcheck, or shellcheck: true in the configuration) but the shellcheck binary is not on PATH: install the shellcheck package.");
                return ExitCodes.Usage;
            }

            var options = new LintOptions
            {
                Paths = parse.GetValue(paths) ?? [],
                Configuration = configuration,
                StandardInput = Console.In,
                FilePathInReport = parse.GetValue(filePathInReport) is { Length: > 0 } reportPath ? reportPath : null,
                ShellCheck = shellCheckRunner,
            };
            var report = await DockerfileLinter.LintAsync(options, cancellationToken);
            foreach (var problem in report.Errors)
            {
                await stderr.WriteLineAsync($"pipelineguard lint: {problem}");
            }

            foreach (var notice in report.Results.SelectMany(r => r.Notices).Distinct())
            {
                await (configuration.Format == LintOutputFormat.Tty ? output : stderr).WriteLineAsync($"pipelineguard lint: {notice}");
            }

            var color = configuration.Format == LintOutputFormat.Tty && !configuration.NoColor && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            var firstFile = report.Results.Select(r => r.File).FirstOrDefault(f => f != "-");
            var root = SourceRoot.Find(firstFile is null ? Environment.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(firstFile)) ?? Environment.CurrentDirectory, name => environment.GetValueOrDefault(name), Environment.CurrentDirectory);
            LintReportWriter.Write(configuration.Format, report.Results, output, color, configuration.NoFail ? LintSeverity.Ignore : configuration.FailureThreshold, report.FilePathInReport, root: root);
            await output.FlushAsync(cancellationToken);
            return report.Failed ? ExitCodes.Fail : ExitCodes.Pass;
        });
        return command;
    }
}
