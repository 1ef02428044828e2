namespace PipelineGuard.Dockerfiles.Shell;

/// <summary>One simple command of a shell script: leading assignments, the command name and its arguments.</summary>
/// <param name="Name">The command name (<c>apt-get</c>); empty for an assignment-only command.</param>
/// <param name="NameWord">The word of the name, or null.</param>
/// <param name="Arguments">The words after the name (redirections removed).</param>
/// <param name="Assignments">Leading <c>NAME=value</c> words.</param>
/// <param name="IsPiped">True when the command's output or input is a pipe.</param>
public sealed record ShellCommand(string Name, ShellWord? NameWord, IReadOnlyList<ShellWord> Arguments, IReadOnlyList<ShellWord> Assignments, bool IsPiped)
{
    /// <summary>True when an argument equals <paramref name="value"/>.</summary>
    public bool HasArgument(string value)
    {
        foreach (var argument in Arguments)
        {
            if (argument.Value == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when any of <paramref name="values"/> is an argument.</summary>
    public bool HasAnyArgument(params ReadOnlySpan<string> values)
    {
        foreach (var value in values)
        {
            if (HasArgument(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a flag is present, as hadolint reads flags: <c>--name</c> or <c>--name=value</c> for long names,
    /// any letter of a <c>-abc</c> cluster for one-letter names.
    /// </summary>
    public bool HasFlag(string name)
    {
        foreach (var argument in Arguments)
        {
            var value = argument.Value;
            if (value == "--")
            {
                break;
            }

            if (value.StartsWith("--", StringComparison.Ordinal))
            {
                var body = value.AsSpan(2);
                var eq = body.IndexOf('=');
                if ((eq < 0 ? body : body[..eq]).SequenceEqual(name))
                {
                    return true;
                }
            }
            else if (name.Length == 1 && value.Length > 1 && value[0] == '-' && value.AsSpan(1).Contains(name[0]) && !value.Contains('=', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when any flag of <paramref name="names"/> is present.</summary>
    public bool HasAnyFlag(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (HasFlag(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of an option (<c>-u 1000</c>, <c>-u1000</c>, <c>--uid=1000</c>, <c>--uid 1000</c>), or null.</summary>
    public string? GetOptionValue(string shortName, string longName)
    {
        for (var i = 0; i < Arguments.Count; i++)
        {
            var value = Arguments[i].Value;
            if (longName.Length > 0 && value.StartsWith("--" + longName, StringComparison.Ordinal))
            {
                var rest = value[(2 + longName.Length)..];
                if (rest.StartsWith('='))
                {
                    return rest[1..];
                }

                if (rest.Length == 0 && i + 1 < Arguments.Count)
                {
                    return Arguments[i + 1].Value;
                }
            }
            else if (shortName.Length > 0 && value.StartsWith("-" + shortName, StringComparison.Ordinal) && !value.StartsWith("--", StringComparison.Ordinal))
            {
                var rest = value[(1 + shortName.Length)..];
                if (rest.Length > 0)
                {
                    return rest;
                }

                if (i + 1 < Arguments.Count)
                {
                    return Arguments[i + 1].Value;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The arguments that are not flags, skipping the values of the given options (<paramref name="optionsWithValues"/>
    /// lists names such as <c>-o</c>, <c>--target-release</c>).
    /// </summary>
    public List<ShellWord> GetArgumentsWithoutFlags(params ReadOnlySpan<string> optionsWithValues)
    {
        var result = new List<ShellWord>(Arguments.Count);
        for (var i = 0; i < Arguments.Count; i++)
        {
            var value = Arguments[i].Value;
            if (value.StartsWith('-') && value.Length > 1)
            {
                foreach (var option in optionsWithValues)
                {
                    if (value == option)
                    {
                        i++;
                        break;
                    }
                }

                continue;
            }

            result.Add(Arguments[i]);
        }

        return result;
    }

    /// <summary>The first argument that is not a flag (the sub-command of <c>apt-get install</c>), or null.</summary>
    public string? Subcommand
    {
        get
        {
            foreach (var argument in Arguments)
            {
                if (!argument.Value.StartsWith('-'))
                {
                    return argument.Value;
                }
            }

            return null;
        }
    }
}
