namespace PipelineGuard.Dockerfiles.Shell;

/// <summary>A shell word: its value with quotes and escapes removed (variables kept as written) and its range in the script.</summary>
/// <param name="Value">The word's value.</param>
/// <param name="Start">Offset of the word in the script.</param>
/// <param name="End">Offset one past the word in the script.</param>
/// <param name="Quoted">True when any part of the word was quoted.</param>
public sealed record ShellWord(string Value, int Start, int End, bool Quoted);
