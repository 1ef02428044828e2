using PipelineGuard.Oci;

namespace PipelineGuard.Dockerfiles.Rules;

/// <summary>Rules on FROM, COPY, ADD, CMD, ENTRYPOINT, EXPOSE, ENV, ARG, USER and WORKDIR.</summary>
internal sealed partial class RuleEngine
{
    /// <summary>What ADD extracts, as hadolint lists it (compressed single files included); a zip is not extracted.</summary>
    private static readonly string[] ArchiveExtensions =
    [
        ".tar", ".gz", ".bz2", ".xz", ".lz", ".lzma", ".z", ".tb2", ".tbz", ".tbz2", ".tgz", ".tpz", ".tlz", ".txz", ".tz", ".zst", ".tzst",
    ];

    /// <summary>Stage names BuildKit reserves (hadolint's DL3063, BuildKit's ReservedStageName check).</summary>
    private static readonly HashSet<string> ReservedStageNames = new(StringComparer.OrdinalIgnoreCase) { "context", "scratch" };

    private void CheckFrom(DockerfileInstruction instruction, DockerfileFrom from)
    {
        if (from.Alias is { } alias)
        {
            if (_aliases.ContainsKey(alias))
            {
                Report("DL3024", instruction);
            }

            _aliases[alias] = _stage!;
        }

        var platform = from.Platform;
        if (platform is not null)
        {
            if (platform is "$TARGETPLATFORM" or "${TARGETPLATFORM}")
            {
                Report("DL3065", instruction);
            }
            else if (!platform.Contains("BUILDPLATFORM", StringComparison.Ordinal) && !platform.Contains("TARGETPLATFORM", StringComparison.Ordinal))
            {
                Report("DL3029", instruction);
            }
        }

        if (from.Alias is { } stageName && ReservedStageNames.Contains(stageName))
        {
            Report("DL3063", instruction);
        }

        if (from.IsScratch || from.IsStageReference)
        {
            return;
        }

        // hadolint's DL3006 and DL3007 read the image as written (ARGs are not expanded); DL3006 skips only a name that
        // starts with a variable: `FROM alpine$TAG` is untagged, `FROM ${IMAGE}` is not judged.
        var written = ImageReference.Split(from.ImageText);
        if (!from.ImageText.StartsWith('$') && written.Digest is null && written.Tag is null)
        {
            Report("DL3006", instruction);
        }

        if (written.Tag == "latest")
        {
            Report("DL3007", instruction);
        }

        var image = from.ResolvedImage;
        if (image.Contains('$', StringComparison.Ordinal))
        {
            return;
        }

        var name = ImageReference.Split(image);
        if (name.Digest is null)
        {
            Report("PG1008", instruction, image, from.ImageSpan);
        }

        if (_configuration.TrustedRegistries.Count > 0 && !IsTrustedRegistry(name.Registry ?? "docker.io", _configuration.TrustedRegistries))
        {
            Report("DL3026", instruction);
        }
    }

    /// <summary>DL3026 matching: exact (case-insensitive), <c>*</c> for any, <c>*.example.com</c> for any sub-domain.</summary>
    internal static bool IsTrustedRegistry(string registry, IReadOnlyList<string> trusted)
    {
        foreach (var pattern in trusted)
        {
            if (pattern == "*" || string.Equals(pattern, registry, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (pattern.StartsWith("*.", StringComparison.Ordinal) && registry.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckCopy(DockerfileInstruction instruction, bool onBuild)
    {
        var arguments = instruction.Arguments;
        if (arguments.Count < 2)
        {
            return;
        }

        var destination = arguments[^1].Value;
        var from = instruction.GetFlag("from");
        if (arguments.Count > 2 && !destination.EndsWith('/') && !destination.EndsWith('\\'))
        {
            Report("DL3021", instruction);
        }

        if (from is null)
        {
            for (var i = 0; i < arguments.Count - 1; i++)
            {
                if (IsArchive(arguments[i].Value))
                {
                    Report("DL3010", instruction);
                    break;
                }
            }
        }
        else if (_stage is not null)
        {
            if (_stage.Alias is not null && string.Equals(from, _stage.Alias, StringComparison.OrdinalIgnoreCase))
            {
                Report("DL3023", instruction);
            }
            else if (!_aliases.ContainsKey(from) && !from.All(char.IsAsciiDigit) && !from.Contains(':', StringComparison.Ordinal) && !from.Contains('$', StringComparison.Ordinal))
            {
                Report("DL3022", instruction);
            }

            if (destination == "/" && arguments.Take(arguments.Count - 1).Any(a => a.Value == "/"))
            {
                Report("DL3067", instruction);
            }
        }

        if (!onBuild && _stage is not null && !_stage.HasWorkdir && !IsAbsolutePath(destination))
        {
            Report("DL3045", instruction);
        }
    }

    private void CheckAdd(DockerfileInstruction instruction)
    {
        var arguments = instruction.Arguments;
        if (arguments.Count < 2)
        {
            return;
        }

        var allPlain = true;
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            var source = arguments[i].Value;
            var url = IsUrl(source);
            if (url || IsArchive(source) || source.StartsWith("<<", StringComparison.Ordinal))
            {
                allPlain = false;
            }

            if (url && !IsGitUrl(source) && !instruction.HasFlag("checksum"))
            {
                Report("PG1007", instruction, span: arguments[i].Span);
            }
        }

        if (allPlain)
        {
            Report("DL3020", instruction);
        }
    }

    private void CheckCmdEntrypoint(DockerfileInstruction instruction, bool onBuild)
    {
        if (!instruction.IsJsonForm)
        {
            Report("DL3025", instruction);
        }

        if (onBuild || _stage is null)
        {
            return;
        }

        if (instruction.Keyword == "CMD" && ++_stage.CmdCount > 1)
        {
            Report("DL4003", instruction);
        }
        else if (instruction.Keyword == "ENTRYPOINT" && ++_stage.EntrypointCount > 1)
        {
            Report("DL4004", instruction);
        }
    }

    private void CheckExpose(DockerfileInstruction instruction)
    {
        foreach (var argument in instruction.Arguments)
        {
            var value = argument.Value;
            if (value.Contains('$', StringComparison.Ordinal))
            {
                continue;
            }

            var slash = value.IndexOf('/', StringComparison.Ordinal);
            var ports = slash >= 0 ? value[..slash] : value;
            var dash = ports.IndexOf('-', StringComparison.Ordinal);
            var low = dash >= 0 ? ports[..dash] : ports;
            var high = dash >= 0 ? ports[(dash + 1)..] : ports;
            var lowOk = long.TryParse(low, out var lowPort);
            var highOk = long.TryParse(high, out var highPort);
            if ((lowOk && lowPort > 65535) || (highOk && highPort > 65535))
            {
                Report("DL3011", instruction, span: argument.Span);
            }

            if (lowOk && highOk && lowPort <= 22 && highPort >= 22)
            {
                Report("PG1005", instruction, span: argument.Span);
            }
        }
    }

    private void CheckEnv(DockerfileInstruction instruction, bool onBuild)
    {
        var definedHere = new HashSet<string>(StringComparer.Ordinal);
        var reported = false;
        foreach (var pair in instruction.Pairs)
        {
            if (!reported && pair.Value is { } value && definedHere.Count > 0)
            {
                foreach (var name in ReferencedVariables(value))
                {
                    if (definedHere.Contains(name) && (_stage is null || !_stage.EnvironmentNames.Contains(name)))
                    {
                        Report("DL3044", instruction);
                        reported = true;
                        break;
                    }
                }
            }

            definedHere.Add(pair.Key);
        }

        CheckSensitiveNames(instruction);
        CheckSecretPairs(instruction);
        if (!onBuild)
        {
            foreach (var pair in instruction.Pairs)
            {
                // DL3042 as hadolint: only a truthy PIP_NO_CACHE_DIR (1, true, on, yes...) switches the cache off.
                var noCache = pair.Key == "PIP_NO_CACHE_DIR" && IsPipNoCacheTruthy(pair.Value);
                if (_stage is null)
                {
                    _pipNoCacheBeforeFrom |= noCache;
                    continue;
                }

                _stage.EnvironmentNames = _stage.EnvironmentNames.Add(pair.Key);
                _stage.PipNoCache |= noCache;
            }
        }
    }

    private void CheckArg(DockerfileInstruction instruction)
    {
        CheckSensitiveNames(instruction);
        CheckSecretPairs(instruction);
        if (_stage is not null)
        {
            foreach (var pair in instruction.Pairs)
            {
                _stage.EnvironmentNames = _stage.EnvironmentNames.Add(pair.Key);
            }
        }
    }

    private void CheckUser(DockerfileInstruction instruction, bool onBuild)
    {
        var user = instruction.ArgumentText.Trim();
        var id = user.Split(':')[0];
        if (id.Length > 0 && !id.Contains('$', StringComparison.Ordinal) && !id.All(char.IsAsciiDigit))
        {
            Report("DL3066", instruction);
        }

        if (!onBuild && _stage is not null)
        {
            _stage.User = user;
            _stage.UserInstruction = instruction;
        }
    }

    private void CheckWorkdir(DockerfileInstruction instruction, bool onBuild)
    {
        var path = instruction.Arguments.Count > 0 ? instruction.Arguments[0].Value : instruction.ArgumentText;
        if (!IsAbsolutePath(path))
        {
            Report("DL3000", instruction);
        }

        CheckSystemWorkdir(instruction, path);
        if (!onBuild && _stage is not null)
        {
            _stage.HasWorkdir = true;
        }
    }

    /// <summary>The names referenced as <c>$NAME</c> or <c>${NAME...}</c> in <paramref name="value"/>.</summary>
    private static IEnumerable<string> ReferencedVariables(string value)
    {
        var index = 0;
        while ((index = value.IndexOf('$', index)) >= 0)
        {
            index++;
            var start = index < value.Length && value[index] == '{' ? index + 1 : index;
            var end = start;
            while (end < value.Length && (char.IsAsciiLetterOrDigit(value[end]) || value[end] == '_'))
            {
                end++;
            }

            if (end > start)
            {
                yield return value[start..end];
            }

            index = end;
        }
    }

    internal static bool IsAbsolutePath(string path)
    {
        path = path.Trim('"', '\'');
        return path.StartsWith('/') || path.StartsWith('$') || path.StartsWith('\\')
            || (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':');
    }

    private static bool IsUrl(string source) =>
        source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || source.StartsWith("git@", StringComparison.Ordinal) || source.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase);

    private static bool IsGitUrl(string source) =>
        source.StartsWith("git@", StringComparison.Ordinal) || source.EndsWith(".git", StringComparison.OrdinalIgnoreCase) || source.Contains(".git#", StringComparison.OrdinalIgnoreCase);

    private static bool IsArchive(string source)
    {
        if (IsUrl(source))
        {
            return false;
        }

        foreach (var extension in ArchiveExtensions)
        {
            if (source.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
