namespace PipelineGuard.Dockerfiles.Shell;

/// <summary>A RUN script split into simple commands (including commands inside subshells and command substitutions).</summary>
/// <param name="Text">The script text the word offsets index.</param>
/// <param name="Commands">Simple commands in script order.</param>
/// <param name="HasPipe">True when any command is connected by <c>|</c>.</param>
public sealed record ShellScript(string Text, IReadOnlyList<ShellCommand> Commands, bool HasPipe)
{
    /// <summary>The commands named <paramref name="name"/>.</summary>
    public IEnumerable<ShellCommand> CommandsNamed(string name)
    {
        foreach (var command in Commands)
        {
            if (command.Name == name)
            {
                yield return command;
            }
        }
    }

    /// <summary>True when some command is named <paramref name="name"/>.</summary>
    public bool Uses(string name)
    {
        foreach (var command in Commands)
        {
            if (command.Name == name)
            {
                return true;
            }
        }

        return false;
    }
}
