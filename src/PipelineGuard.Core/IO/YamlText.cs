using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PipelineGuard.IO;

/// <summary>
/// Loads YAML text into a <see cref="YamlStream"/>, turning every failure of the parser into a message with a line and
/// column: <see cref="YamlException"/>, and also the <see cref="InvalidOperationException"/> and
/// <see cref="ArgumentException"/> YamlDotNet throws on some malformed input (<c>a: [DL3\r\n002]</c>), whose position is
/// that of the last event parsed before it.
/// </summary>
internal static class YamlText
{
    /// <summary>Loads <paramref name="text"/>; false with the failure's line, column (1-based) and message.</summary>
    public static bool TryLoad(string text, out YamlStream stream, out (int Line, int Column, string Message) error)
    {
        stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            error = default;
            return true;
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            error = (Math.Max(1, (int)e.Start.Line), Math.Max(1, (int)e.Start.Column), message);
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            var (line, column) = LastGoodPosition(text);
            error = (line, column, $"the YAML parser stopped here ({e.Message})");
            return false;
        }
    }

    private static (int Line, int Column) LastGoodPosition(string text)
    {
        var mark = Mark.Empty;
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                mark = parser.Current?.End ?? mark;
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
        }

        return (Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column));
    }
}
