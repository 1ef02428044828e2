using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PipelineGuard.Sbom;

/// <summary>
/// <c>SOURCE_DATE_EPOCH</c> (reproducible-builds.org): whole seconds since 1970 that make output reproducible. One
/// parser for every front end and the gate; a value that is set but not a number is an error, never ignored.
/// </summary>
public static class SourceDateEpoch
{
    /// <summary>The environment variable's name.</summary>
    public const string VariableName = "SOURCE_DATE_EPOCH";

    /// <summary>
    /// Parses the variable's value: null or empty means unset (<paramref name="seconds"/> null, true); whole seconds give
    /// the value; anything else is false with a message naming the variable and the value.
    /// </summary>
    public static bool TryParse(string? text, out long? seconds, [NotNullWhen(false)] out string? error)
    {
        seconds = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            error = $"{VariableName} '{text}' is not a whole number of seconds";
            return false;
        }

        seconds = value;
        return true;
    }
}
