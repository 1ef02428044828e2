namespace PipelineGuard.Dockerfiles;

/// <summary>A heredoc of RUN, COPY or ADD (<c>&lt;&lt;EOF</c>, <c>&lt;&lt;-EOF</c>, <c>&lt;&lt;"EOF"</c>).</summary>
/// <param name="Delimiter">The terminating word.</param>
/// <param name="StripLeadingTabs">True for <c>&lt;&lt;-</c>.</param>
/// <param name="Quoted">True when the delimiter was quoted (no expansion in the body).</param>
/// <param name="Body">The body text, without the terminating line.</param>
/// <param name="BodySpan">Where the body is in the file.</param>
/// <param name="MarkerSpan">Where the <c>&lt;&lt;EOF</c> marker is in the file.</param>
public sealed record Heredoc(string Delimiter, bool StripLeadingTabs, bool Quoted, string Body, SourceSpan BodySpan, SourceSpan MarkerSpan);
