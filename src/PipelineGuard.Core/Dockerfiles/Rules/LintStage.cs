using System.Collections.Immutable;

namespace PipelineGuard.Dockerfiles.Rules;

/// <summary>What the rules track per build stage; a stage built <c>FROM</c> an earlier one inherits its user, shell, workdir, labels and environment.</summary>
internal sealed class LintStage
{
    public LintStage(int index, DockerfileFrom from, LintStage? parent)
    {
        Index = index;
        From = from;
        Parent = parent;
        if (parent is not null)
        {
            User = parent.User;
            UserInstruction = parent.UserInstruction;
            ShellName = parent.ShellName;
            IsPosixShell = parent.IsPosixShell;
            HasWorkdir = parent.HasWorkdir;
            HasHealthcheck = parent.HasHealthcheck;
            PipNoCache = parent.PipNoCache;
            // Persistent collections: inheriting is O(1), so long FROM chains stay linear.
            Labels = parent.Labels;
            EnvironmentNames = parent.EnvironmentNames;
        }
    }

    public int Index { get; }

    public DockerfileFrom From { get; }

    public LintStage? Parent { get; }

    public string? Alias => From.Alias;

    public string? User { get; set; }

    public DockerfileInstruction? UserInstruction { get; set; }

    public string ShellName { get; set; } = "sh";

    public bool IsPosixShell { get; set; } = true;

    public bool HasPipefail { get; set; }

    public bool HasWorkdir { get; set; }

    public bool HasHealthcheck { get; set; }

    public int HealthcheckCount { get; set; }

    public int CmdCount { get; set; }

    public int EntrypointCount { get; set; }

    public bool UsedWget { get; set; }

    public bool UsedCurl { get; set; }

    public bool PipNoCache { get; set; }

    public ImmutableDictionary<string, string> Labels { get; set; } = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);

    public ImmutableHashSet<string> EnvironmentNames { get; set; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>DL3009 findings, reported only when the stage ends up in the final image.</summary>
    public List<DockerfileInstruction> PendingAptListCleanup { get; } = [];
}
