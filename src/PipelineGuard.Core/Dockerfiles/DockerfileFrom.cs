namespace PipelineGuard.Dockerfiles;

/// <summary>
/// One FROM of a Dockerfile, as the base-image tools need it: the image text as written and after ARG defaults are
/// applied, the stage alias, whether it names an earlier stage or <c>scratch</c>, and the exact span of the image text
/// (so a <c>pin</c> command can rewrite just that span).
/// </summary>
/// <param name="StageIndex">0-based index of the stage this FROM starts.</param>
/// <param name="ImageText">The image text as written (<c>${BASE}:8.0</c>).</param>
/// <param name="ResolvedImage">The image text with ARG defaults declared before the first FROM substituted.</param>
/// <param name="IsFullyResolved">False when a variable had no default, so <paramref name="ResolvedImage"/> still holds a <c>$</c> reference.</param>
/// <param name="Alias">The stage name after <c>AS</c>, or null.</param>
/// <param name="ReferencedStageIndex">The index of the earlier stage this FROM builds on, or null for an image.</param>
/// <param name="IsScratch">True for <c>FROM scratch</c>.</param>
/// <param name="ImageSpan">Where the image text is in the file.</param>
/// <param name="Platform">The <c>--platform</c> value, or null.</param>
/// <param name="Instruction">The FROM instruction itself.</param>
public sealed record DockerfileFrom(
    int StageIndex,
    string ImageText,
    string ResolvedImage,
    bool IsFullyResolved,
    string? Alias,
    int? ReferencedStageIndex,
    bool IsScratch,
    SourceSpan ImageSpan,
    string? Platform,
    DockerfileInstruction Instruction)
{
    /// <summary>True when the FROM names an earlier stage rather than an image.</summary>
    public bool IsStageReference => ReferencedStageIndex is not null;

    internal static IReadOnlyList<DockerfileFrom> Collect(DockerfileSyntax syntax)
    {
        var globalArgs = new Dictionary<string, string?>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var result = new List<DockerfileFrom>();
        var seenFrom = false;
        foreach (var instruction in syntax.Instructions)
        {
            if (instruction.Keyword == "ARG" && !seenFrom)
            {
                foreach (var pair in instruction.Pairs)
                {
                    globalArgs[pair.Key] = pair.Value is null ? null : VariableExpander.Expand(pair.Value, globalArgs, out _);
                }
            }
            else if (instruction.Keyword == "FROM" && instruction.Arguments.Count > 0)
            {
                seenFrom = true;
                var image = instruction.Arguments[0];
                var alias = instruction.Arguments.Count >= 3 && string.Equals(instruction.Arguments[1].Value, "AS", StringComparison.OrdinalIgnoreCase)
                    ? instruction.Arguments[2].Value
                    : null;
                var resolved = VariableExpander.Expand(image.Value, globalArgs, out var complete);
                int? referenced = aliases.TryGetValue(resolved, out var stage) ? stage : null;
                var platform = instruction.GetFlag("platform");
                result.Add(new DockerfileFrom(
                    result.Count,
                    image.Value,
                    resolved,
                    complete,
                    alias,
                    referenced,
                    referenced is null && string.Equals(resolved, "scratch", StringComparison.OrdinalIgnoreCase),
                    image.Span,
                    platform,
                    instruction));
                if (alias is not null)
                {
                    aliases[alias] = result.Count - 1;
                }
            }
        }

        return result;
    }
}
