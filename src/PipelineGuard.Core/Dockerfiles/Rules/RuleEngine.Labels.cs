using System.Globalization;
using System.Text.RegularExpressions;

namespace PipelineGuard.Dockerfiles.Rules;

/// <summary>Label rules: DL3048 (key syntax) and the label-schema rules DL3049 to DL3058.</summary>
internal sealed partial class RuleEngine
{
    private static readonly string[] ReservedLabelNamespaces = ["com.docker.", "io.docker.", "org.dockerproject."];

    // A common subset of SPDX license ids; LicenseRef-* and compound expressions of known ids are accepted too.
    private static readonly HashSet<string> SpdxIds = new(StringComparer.OrdinalIgnoreCase)
    {
        "0BSD", "AFL-3.0", "AGPL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.1", "Apache-2.0", "APSL-2.0", "Artistic-2.0",
        "BSD-1-Clause", "BSD-2-Clause", "BSD-2-Clause-Patent", "BSD-3-Clause", "BSD-3-Clause-Clear", "BSD-4-Clause", "BSL-1.0", "BUSL-1.1",
        "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "CDDL-1.0", "CDDL-1.1", "CECILL-2.1", "CPL-1.0", "ECL-2.0", "EPL-1.0", "EPL-2.0", "EUPL-1.1",
        "EUPL-1.2", "GPL-1.0-only", "GPL-1.0-or-later", "GPL-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0", "GPL-3.0-only",
        "GPL-3.0-or-later", "ISC", "LGPL-2.0-only", "LGPL-2.0-or-later", "LGPL-2.1", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0",
        "LGPL-3.0-only", "LGPL-3.0-or-later", "LPL-1.02", "MIT", "MIT-0", "MPL-1.1", "MPL-2.0", "MPL-2.0-no-copyleft-exception", "MS-PL",
        "MS-RL", "NCSA", "ODbL-1.0", "OFL-1.1", "OpenSSL", "OSL-3.0", "PHP-3.01", "PostgreSQL", "Python-2.0", "Ruby", "SSPL-1.0",
        "Unicode-DFS-2016", "Unlicense", "UPL-1.0", "Vim", "W3C", "WTFPL", "X11", "Zlib", "ZPL-2.1", "Classpath-exception-2.0",
        "LLVM-exception", "GCC-exception-3.1",
    };

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
            }

            if (!schema.TryGetValue(pair.Key, out var format))
            {
                continue;
            }

            var value = pair.Value ?? string.Empty;
            if (value.Length == 0)
            {
                Report("DL3051", instruction, pair.Key);
                continue;
            }

            var code = format switch
            {
                "url" => Uri.TryCreate(value, UriKind.Absolute, out _) ? null : "DL3052",
                "rfc3339" => Rfc3339().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : "DL3053",
                "spdx" => IsSpdxExpression(value) ? null : "DL3054",
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

    private void FinishLabels(LintStage last)
    {
        foreach (var label in _configuration.LabelSchema.Keys.Order(StringComparer.Ordinal))
        {
            if (!last.Labels.ContainsKey(label))
            {
                Report("DL3049", last.From.Instruction, label);
            }
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

    private static bool IsSpdxExpression(string value)
    {
        var tokens = value.Replace("(", " ", StringComparison.Ordinal).Replace(")", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            return false;
        }

        foreach (var token in tokens)
        {
            if (token is "AND" or "OR" or "WITH")
            {
                continue;
            }

            var id = token.EndsWith('+') ? token[..^1] : token;
            if (!SpdxIds.Contains(id) && !id.StartsWith("LicenseRef-", StringComparison.Ordinal) && !id.StartsWith("DocumentRef-", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
