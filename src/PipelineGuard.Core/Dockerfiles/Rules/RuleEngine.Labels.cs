using System.Globalization;
using System.Text.RegularExpressions;
using PipelineGuard.Sbom;

namespace PipelineGuard.Dockerfiles.Rules;

/// <summary>Label rules: DL3048 (key syntax) and the label-schema rules DL3049 to DL3058.</summary>
internal sealed partial class RuleEngine
{
    private static readonly string[] ReservedLabelNamespaces = ["com.docker.", "io.docker.", "org.dockerproject."];

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex SemVer();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    private void CheckLabel(DockerfileInstruction instruction, bool onBuild)
    {
        var schema = _configuration.LabelSchema;
        var superfluous = false;
        foreach (var pair in instruction.Pairs)
        {
            if (!IsValidLabelKey(pair.Key))
            {
                Report("DL3048", instruction);
            }

            if (!schema.ContainsKey(pair.Key))
            {
                superfluous = true;
            }

            if (!onBuild && _stage is not null)
            {
                _stage.Labels = _stage.Labels.SetItem(pair.Key, pair.Value ?? string.Empty);
                _labelTracker?.Label(pair.Key);
            }

            if (!schema.TryGetValue(pair.Key, out var format))
            {
                continue;
            }

            var value = pair.Value ?? string.Empty;
            if (value.Length == 0)
            {
                Report("DL3051", instruction, pair.Key);
                if (format == "spdx")
                {
                    // hadolint parses the empty value as a licence id too, and that fails.
                    Report("DL3054", instruction, pair.Key);
                }

                continue;
            }

            var code = format switch
            {
                "url" => Uri.TryCreate(value, UriKind.Absolute, out _) ? null : "DL3052",
                "rfc3339" => Rfc3339().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : "DL3053",
                "spdx" => IsSpdxLicenseId(value) ? null : "DL3054",
                "hash" => IsGitHash(value) ? null : "DL3055",
                "semver" => SemVer().IsMatch(value) ? null : "DL3056",
                "email" => Email().IsMatch(value) ? null : "DL3058",
                _ => null,
            };
            if (code is not null)
            {
                Report(code, instruction, pair.Key);
            }
        }

        if (_configuration.StrictLabels && superfluous)
        {
            Report("DL3050", instruction);
        }
    }

    private void FinishLabels()
    {
        if (_labelTracker is null)
        {
            return;
        }

        foreach (var (stage, label) in _labelTracker.Missing())
        {
            Report("DL3049", _stages[stage].From.Instruction, label);
        }
    }

    internal static bool IsValidLabelKey(string key)
    {
        if (key.Length == 0 || !char.IsAsciiLetterOrDigit(key[0]) || !char.IsAsciiLetterOrDigit(key[^1]))
        {
            return false;
        }

        foreach (var reserved in ReservedLabelNamespaces)
        {
            if (key.StartsWith(reserved, StringComparison.Ordinal))
            {
                return false;
            }
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/'))
            {
                return false;
            }

            if (i > 0 && c is '.' or '-' && key[i - 1] is '.' or '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsGitHash(string value) =>
        (value.Length == 40 || (value.Length >= 7 && value.Length <= 12)) && value.All(char.IsAsciiHexDigitLower);

    /// <summary>
    /// hadolint's DL3054 test: the value is one SPDX licence id, spelt exactly as the SPDX list spells it, neither
    /// deprecated nor an exception id, optionally followed by whitespace. No expressions (<c>MIT OR Apache-2.0</c>), no
    /// <c>+</c> suffix and no <c>LicenseRef-</c> references: hadolint reads the value as a single licence id.
    /// </summary>
    internal static bool IsSpdxLicenseId(string value)
    {
        var id = value.TrimEnd();
        if (id.Length == 0)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            {
                return false;
            }
        }

        return string.Equals(SpdxLicenseList.Canonical(id), id, StringComparison.Ordinal)
            && SpdxLicenseList.IsLicenseId(id)
            && !SpdxLicenseList.IsDeprecated(id);
    }
}
