using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PipelineGuard.Dockerfiles;

/// <summary>
/// Loads lint configuration as hadolint does: the first config file found (an explicit path, else <c>.hadolint.yaml</c>
/// in the working directory, the XDG config directory, <c>~/.hadolint</c> and the home directory),
/// then the <c>HADOLINT_*</c> environment variables, then the command line.
/// </summary>
public static class LintConfigurationLoader
{
    /// <summary>Resolves configuration from a config file (explicit or looked up), the environment and command-line settings.</summary>
    /// <param name="configPath">An explicit config file (<c>-c</c>); it must exist. Null to look one up.</param>
    /// <param name="workingDirectory">Where <c>.hadolint.yaml</c> is looked for first.</param>
    /// <param name="environment">Environment variables (name to value).</param>
    /// <param name="commandLine">Settings from the command line (highest precedence).</param>
    public static LintConfigurationResult Load(string? configPath, string workingDirectory, IReadOnlyDictionary<string, string?> environment, LintSettings? commandLine)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<LintConfigurationError>();
        var file = configPath ?? FindConfigFile(workingDirectory, environment);
        LintSettings? fileSettings = null;
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                errors.Add(new LintConfigurationError(file, 0, "config file not found"));
            }
            else
            {
                string text;
                try
                {
                    text = IO.InputFile.ReadAllText(file);
                }
                catch (IOException ex)
                {
                    errors.Add(new LintConfigurationError(file, 0, $"cannot read the config file: {ex.Message}"));
                    text = string.Empty;
                }
                catch (UnauthorizedAccessException ex)
                {
                    errors.Add(new LintConfigurationError(file, 0, $"cannot read the config file: {ex.Message}"));
                    text = string.Empty;
                }

                fileSettings = ParseYaml(text, file, errors);
            }
        }

        var environmentSettings = FromEnvironment(environment, errors);
        return errors.Count > 0
            ? new LintConfigurationResult(null, file, errors)
            : new LintConfigurationResult(LintConfiguration.Combine(fileSettings, environmentSettings, commandLine), file, errors);
    }

    /// <summary>
    /// The config file hadolint would use, or null. hadolint 2.15 takes the first that exists of: <c>.hadolint.{yaml,yml}</c>
    /// in the working directory; <c>hadolint.{yaml,yml}</c> in the XDG config directory (<c>$XDG_CONFIG_HOME</c> when it is
    /// an absolute path, else <c>~/.config</c>; <c>%APPDATA%</c> on Windows); <c>hadolint.{yaml,yml}</c> and
    /// <c>config.{yaml,yml}</c> in the application data directory (<c>~/.hadolint</c>; <c>%APPDATA%\hadolint</c> on
    /// Windows); <c>.hadolint.{yaml,yml}</c> in the documents directory (the home directory; <c>Documents</c> on Windows).
    /// </summary>
    public static string? FindConfigFile(string workingDirectory, IReadOnlyDictionary<string, string?> environment) =>
        ConfigFileCandidates(workingDirectory, environment, OperatingSystem.IsWindows()).FirstOrDefault(File.Exists);

    /// <summary>Every path hadolint looks at for its config file, in its order (for Windows when <paramref name="windows"/>).</summary>
    public static IReadOnlyList<string> ConfigFileCandidates(string workingDirectory, IReadOnlyDictionary<string, string?> environment, bool windows)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string[] hidden = [".hadolint.yaml", ".hadolint.yml"];
        string[] visible = ["hadolint.yaml", "hadolint.yml"];
        string[] more = ["config.yaml", "config.yml"];
        var candidates = new List<string>();
        void Add(string? directory, string[] names)
        {
            if (!string.IsNullOrEmpty(directory))
            {
                candidates.AddRange(names.Select(name => Path.Join(directory, name)));
            }
        }

        string? Get(string name) => environment.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        Add(workingDirectory, hidden);
        if (windows)
        {
            var appData = Get("APPDATA");
            var profile = Get("USERPROFILE");
            Add(appData, visible);
            Add(appData is null ? null : Path.Join(appData, "hadolint"), [.. visible, .. more]);
            Add(profile is null ? null : Path.Join(profile, "Documents"), hidden);
            return candidates;
        }

        var home = Get("HOME");
        var xdg = Get("XDG_CONFIG_HOME");
        Add(xdg is not null && Path.IsPathRooted(xdg) ? xdg : home is null ? null : Path.Join(home, ".config"), visible);
        Add(home is null ? null : Path.Join(home, ".hadolint"), [.. visible, .. more]);
        Add(home, hidden);
        return candidates;
    }

    /// <summary>Reads a <c>.hadolint.yaml</c> text; problems are added to <paramref name="errors"/> with the line.</summary>
    public static LintSettings? ParseYaml(string text, string path, List<LintConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!IO.YamlText.TryLoad(text, out var stream, out var yamlError))
        {
            errors.Add(new LintConfigurationError(path, yamlError.Line, $"invalid YAML: {FirstLine(yamlError.Message)}"));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new LintSettings();
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new LintConfigurationError(path, Line(stream.Documents[0].RootNode), "the configuration must be a mapping of keys (ignored, override, trustedRegistries, ...)"));
            return null;
        }

        var before = errors.Count;
        var settings = new LintSettings();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            switch (key)
            {
                case "ignored":
                    settings = settings with { Ignored = StringList(value, path, key, errors) };
                    break;
                case "trustedRegistries":
                    settings = settings with { TrustedRegistries = StringList(value, path, key, errors) };
                    break;
                case "override":
                    settings = settings with { Overrides = ReadOverrides(value, path, errors) };
                    break;
                case "label-schema":
                    settings = settings with { LabelSchema = ReadLabelSchema(value, path, errors) };
                    break;
                case "strict-labels":
                    settings = settings with { StrictLabels = Bool(value, path, key, errors) };
                    break;
                case "disable-ignore-pragma":
                    settings = settings with { DisableIgnorePragma = Bool(value, path, key, errors) };
                    break;
                case "no-fail":
                    settings = settings with { NoFail = Bool(value, path, key, errors) };
                    break;
                case "no-color":
                    settings = settings with { NoColor = Bool(value, path, key, errors) };
                    break;
                case "shellcheck":
                    settings = settings with { ShellCheck = Bool(value, path, key, errors) };
                    break;
                case "failure-threshold":
                    if (LintSeverityNames.TryParse(Scalar(value), out var threshold))
                    {
                        settings = settings with { FailureThreshold = threshold };
                    }
                    else
                    {
                        errors.Add(new LintConfigurationError(path, Line(value), $"failure-threshold '{Scalar(value)}' is not one of error, warning, info, style, ignore, none"));
                    }

                    break;
                case "format":
                    if (LintOutputFormatNames.TryParse(Scalar(value), out var format))
                    {
                        settings = settings with { Format = format };
                    }
                    else
                    {
                        errors.Add(new LintConfigurationError(path, Line(value), $"format '{Scalar(value)}' is not one of {LintOutputFormatNames.AllText}"));
                    }

                    break;
                case "verbose":
                    break;
                default:
                    errors.Add(new LintConfigurationError(path, Line(keyNode), $"unknown key '{key}'"));
                    break;
            }
        }

        return errors.Count > before ? null : settings;
    }

    /// <summary>Reads the <c>HADOLINT_*</c> variables (and <c>NO_COLOR</c>).</summary>
    public static LintSettings FromEnvironment(IReadOnlyDictionary<string, string?> environment, List<LintConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(errors);
        string? Get(string name) => environment.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        static List<string>? Csv(string? value) => value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        static bool? Truthy(string? value) => value is null ? null : value.ToLowerInvariant() is "1" or "true" or "yes" or "y" or "on";

        var overrides = new Dictionary<string, LintSeverity>(StringComparer.Ordinal);
        foreach (var (variable, severity) in new[] { ("HADOLINT_OVERRIDE_ERROR", LintSeverity.Error), ("HADOLINT_OVERRIDE_WARNING", LintSeverity.Warning), ("HADOLINT_OVERRIDE_INFO", LintSeverity.Info), ("HADOLINT_OVERRIDE_STYLE", LintSeverity.Style) })
        {
            foreach (var code in Csv(Get(variable)) ?? [])
            {
                overrides[code] = severity;
            }
        }

        LintSeverity? threshold = null;
        if (Get("HADOLINT_FAILURE_THRESHOLD") is { } thresholdText)
        {
            if (LintSeverityNames.TryParse(thresholdText, out var parsed))
            {
                threshold = parsed;
            }
            else
            {
                errors.Add(new LintConfigurationError("HADOLINT_FAILURE_THRESHOLD", 0, $"'{thresholdText}' is not one of error, warning, info, style, ignore, none"));
            }
        }

        LintOutputFormat? format = null;
        if (Get("HADOLINT_FORMAT") is { } formatText)
        {
            if (LintOutputFormatNames.TryParse(formatText, out var parsed))
            {
                format = parsed;
            }
            else
            {
                errors.Add(new LintConfigurationError("HADOLINT_FORMAT", 0, $"'{formatText}' is not one of {LintOutputFormatNames.AllText}"));
            }
        }

        Dictionary<string, string>? labels = null;
        if (Csv(Get("HADOLINT_REQUIRE_LABELS")) is { } labelItems)
        {
            labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in labelItems)
            {
                var colon = item.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    errors.Add(new LintConfigurationError("HADOLINT_REQUIRE_LABELS", 0, $"'{item}' must be label:format"));
                    continue;
                }

                labels[item[..colon]] = item[(colon + 1)..];
            }
        }

        return new LintSettings
        {
            Ignored = Csv(Get("HADOLINT_IGNORE")),
            Overrides = overrides.Count > 0 ? overrides : null,
            TrustedRegistries = Csv(Get("HADOLINT_TRUSTED_REGISTRIES")),
            LabelSchema = labels,
            StrictLabels = Truthy(Get("HADOLINT_STRICT_LABELS")),
            DisableIgnorePragma = Truthy(Get("HADOLINT_DISABLE_IGNORE_PRAGMA")),
            NoFail = Truthy(Get("HADOLINT_NOFAIL")),
            NoColor = environment.ContainsKey("NO_COLOR") ? true : null,
            FailureThreshold = threshold,
            Format = format,
            ShellCheck = Truthy(Get("PIPELINEGUARD_SHELLCHECK")),
        };
    }

    private static List<string>? StringList(YamlNode node, string path, string key, List<LintConfigurationError> errors)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                return string.IsNullOrEmpty(scalar.Value) ? [] : [scalar.Value];
            case YamlSequenceNode sequence:
                var list = new List<string>();
                foreach (var item in sequence)
                {
                    if (item is YamlScalarNode { Value: { } v })
                    {
                        list.Add(v);
                    }
                    else
                    {
                        errors.Add(new LintConfigurationError(path, Line(item), $"'{key}' must be a list of strings"));
                    }
                }

                return list;
            default:
                errors.Add(new LintConfigurationError(path, Line(node), $"'{key}' must be a string or a list of strings"));
                return null;
        }
    }

    private static Dictionary<string, LintSeverity>? ReadOverrides(YamlNode node, string path, List<LintConfigurationError> errors)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(new LintConfigurationError(path, Line(node), "'override' must map error, warning, info and style to lists of rule codes"));
            return null;
        }

        var result = new Dictionary<string, LintSeverity>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var level = (keyNode as YamlScalarNode)?.Value;
            if (!LintSeverityNames.TryParse(level, out var severity) || level == "none")
            {
                errors.Add(new LintConfigurationError(path, Line(keyNode), $"override level '{level}' is not one of error, warning, info, style, ignore"));
                continue;
            }

            foreach (var code in StringList(value, path, $"override.{level}", errors) ?? [])
            {
                result[code] = severity;
            }
        }

        return result;
    }

    private static Dictionary<string, string>? ReadLabelSchema(YamlNode node, string path, List<LintConfigurationError> errors)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(new LintConfigurationError(path, Line(node), "'label-schema' must map label names to formats"));
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var format = Scalar(value) ?? string.Empty;
            if (format is not ("text" or "url" or "semver" or "hash" or "rfc3339" or "spdx" or "email"))
            {
                errors.Add(new LintConfigurationError(path, Line(value), $"label format '{format}' of '{name}' is not one of text, url, semver, hash, rfc3339, spdx, email"));
                continue;
            }

            result[name] = format;
        }

        return result;
    }

    private static bool? Bool(YamlNode node, string path, string key, List<LintConfigurationError> errors)
    {
        switch (Scalar(node)?.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                errors.Add(new LintConfigurationError(path, Line(node), $"'{key}' must be true or false"));
                return null;
        }
    }

    private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}
