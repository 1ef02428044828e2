using PipelineGuard.Dockerfiles.Shell;
using PipelineGuard.Oci;

namespace PipelineGuard.Dockerfiles.Rules;

/// <summary>
/// Runs every rule in one pass over the instructions, tracking stages; rule checks live in the partial files by area
/// (instructions, stages, packages, labels, security).
/// </summary>
internal sealed partial class RuleEngine
{
    private static readonly HashSet<string> PosixShells = new(StringComparer.Ordinal) { "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox" };

    private readonly DockerfileSyntax _syntax;
    private readonly LintConfiguration _configuration;
    private readonly List<(LintFinding Finding, int Anchor)> _findings = [];
    private readonly List<LintStage> _stages = [];
    private readonly Dictionary<string, LintStage> _aliases = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<DockerfileFrom> _froms;
    private readonly LintPragmas _pragmas;
    private readonly MissingLabelTracker? _labelTracker;
    private readonly List<DockerfileInstruction> _aptListCleanupBeforeFrom = [];
    private LintStage? _stage;
    private int _shellPragmaIndex;
    private DockerfileInstruction? _previousRun;
    private int _previousRunCommandCount;
    private bool _pipNoCacheBeforeFrom;

    public RuleEngine(DockerfileSyntax syntax, LintConfiguration configuration)
    {
        _syntax = syntax;
        _configuration = configuration;
        _froms = syntax.GetFromInstructions();
        _pragmas = LintPragmas.Read(syntax);
        _labelTracker = configuration.LabelSchema.Count > 0 ? new MissingLabelTracker(configuration.LabelSchema.Keys) : null;
    }

    /// <summary>RUN scripts seen, for ShellCheck.</summary>
    public List<ShellCheckInput> RunScripts { get; } = [];

    public List<(LintFinding Finding, int Anchor)> Run()
    {
        foreach (var comment in _pragmas.InlineIgnoreComments)
        {
            ReportAt("DL1001", comment.Span.Line, comment.Span, comment.Span.Line);
        }

        var fromIndex = 0;
        foreach (var instruction in _syntax.Instructions)
        {
            ApplyShellPragmas(instruction.Line);
            if (instruction.Keyword == "FROM")
            {
                var from = _froms[fromIndex++];
                _previousRun = null;
                StartStage(from);
                CheckFrom(instruction, from);
                continue;
            }

            if (_stage is null && instruction.Keyword != "ARG")
            {
                Report("DL3061", instruction);
            }

            Check(instruction, onBuild: false);
            if (instruction.Keyword != "RUN")
            {
                _previousRun = null;
            }
        }

        Finish();
        return _findings;
    }

    public bool Suppressed(string code, int anchor) => !_configuration.DisableIgnorePragma && _pragmas.Suppresses(code, anchor);

    private void ApplyShellPragmas(int line)
    {
        while (_shellPragmaIndex < _pragmas.Shells.Count && _pragmas.Shells[_shellPragmaIndex].Line < line)
        {
            var shell = _pragmas.Shells[_shellPragmaIndex++].Shell;
            if (_stage is not null)
            {
                SetShell(_stage, shell);
            }
            else
            {
                _pendingShellPragma = shell;
            }
        }
    }

    private string? _pendingShellPragma;
    private SourceText? _sourceText;

    private SourceSpan SourceSpanFactory(int start, int end) => (_sourceText ??= new SourceText(_syntax.Text)).Span(start, end);

    private void StartStage(DockerfileFrom from)
    {
        LintStage? parent = from.ReferencedStageIndex is { } index && index < _stages.Count ? _stages[index] : null;
        _stage = new LintStage(_stages.Count, from, parent);
        if (parent is null && _pendingShellPragma is not null)
        {
            SetShell(_stage, _pendingShellPragma);
        }

        _stages.Add(_stage);
        _labelTracker?.StartStage(from.Alias, ImageNameOf(from.ImageText));
    }

    /// <summary>
    /// The image name as hadolint compares it with stage aliases: the FROM text as written (ARGs not expanded), without
    /// digest, tag or registry host.
    /// </summary>
    private static string ImageNameOf(string image) => ImageReference.Split(image).Repository;

    private static void SetShell(LintStage stage, string shell)
    {
        var name = Path.GetFileName(shell.Replace('\\', '/')).ToLowerInvariant();
        if (name.EndsWith(".exe", StringComparison.Ordinal))
        {
            name = name[..^4];
        }

        stage.ShellName = name;
        stage.IsPosixShell = PosixShells.Contains(name);
    }

    private void Check(DockerfileInstruction instruction, bool onBuild)
    {
        switch (instruction.Keyword)
        {
            case "RUN":
                CheckRun(instruction, onBuild);
                break;
            case "COPY":
                if (!onBuild && instruction.GetFlag("from") is { } copySource)
                {
                    _labelTracker?.CopyFrom(copySource);
                }

                CheckCopy(instruction, onBuild);
                CheckCopiedKeys(instruction);
                break;
            case "ADD":
                CheckAdd(instruction);
                CheckCopiedKeys(instruction);
                break;
            case "CMD":
            case "ENTRYPOINT":
                CheckCmdEntrypoint(instruction, onBuild);
                break;
            case "EXPOSE":
                CheckExpose(instruction);
                break;
            case "HEALTHCHECK":
                if (!onBuild && _stage is not null)
                {
                    _stage.HealthcheckCount++;
                    _stage.HasHealthcheck = true;
                    if (_stage.HealthcheckCount > 1)
                    {
                        Report("DL3012", instruction);
                    }
                }

                break;
            case "LABEL":
                CheckLabel(instruction, onBuild);
                break;
            case "MAINTAINER":
                Report("DL4000", instruction);
                break;
            case "ENV":
                CheckEnv(instruction, onBuild);
                break;
            case "ARG":
                CheckArg(instruction);
                break;
            case "USER":
                CheckUser(instruction, onBuild);
                break;
            case "WORKDIR":
                CheckWorkdir(instruction, onBuild);
                break;
            case "SHELL":
                if (!onBuild && _stage is not null && instruction.IsJsonForm && instruction.Arguments.Count > 0)
                {
                    SetShell(_stage, instruction.Arguments[0].Value);
                    _stage.HasPipefail = ShellSetsPipefail(instruction.Arguments);
                }

                break;
            case "ONBUILD":
                if (instruction.Trigger is { } trigger)
                {
                    if (trigger.Keyword is "ONBUILD" or "FROM" or "MAINTAINER")
                    {
                        Report("DL3043", instruction);
                    }

                    if (trigger.Keyword is not ("FROM" or "ONBUILD"))
                    {
                        Check(trigger, onBuild: true);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// DL4006 as hadolint: a SHELL whose program is bash, zsh or ash (any path), with an <c>-o</c> flag (also inside
    /// <c>-eo</c>) and a <c>pipefail</c> argument. <c>/bin/sh -o pipefail</c> does not count.
    /// </summary>
    private static bool ShellSetsPipefail(IReadOnlyList<SyntaxToken> arguments)
    {
        var program = Path.GetFileName(arguments[0].Value.Replace('\\', '/'));
        if (program is not ("bash" or "zsh" or "ash"))
        {
            return false;
        }

        var flagO = false;
        var pipefail = false;
        for (var i = 1; i < arguments.Count; i++)
        {
            var value = arguments[i].Value;
            flagO |= value.Length > 1 && value[0] == '-' && value[1] != '-' && value.Contains('o', StringComparison.Ordinal);
            pipefail |= value == "pipefail";
        }

        return flagO && pipefail;
    }

    /// <summary>
    /// DL3059 as hadolint: a RUN right after a RUN with the same flags, unless either of them chains commands (hadolint
    /// exempts <c>a &amp;&amp; b</c> and <c>a; b</c>, taken as a deliberate split). Comments do not break the sequence.
    /// </summary>
    private void CheckConsecutiveRun(DockerfileInstruction instruction, int commandCount)
    {
        if (_previousRun is { } previous && SameFlags(previous, instruction) && _previousRunCommandCount < 2 && commandCount < 2)
        {
            Report("DL3059", instruction);
        }

        _previousRun = instruction;
        _previousRunCommandCount = commandCount;
    }

    private bool Enabled(string code)
    {
        var rule = LintRuleCatalog.Find(code);
        return rule is not null && _configuration.SeverityOf(code, rule.DefaultSeverity) != LintSeverity.Ignore;
    }

    /// <summary>
    /// Reports at the instruction, as hadolint does (its line and column); PipelineGuard's own rules report at the
    /// offending word when a span is given. Pragmas always match the instruction's line.
    /// </summary>
    private void Report(string code, DockerfileInstruction instruction, string? argument = null, SourceSpan? span = null)
    {
        var exact = span is { } s && code.StartsWith("PG", StringComparison.Ordinal);
        ReportAt(code, exact ? span!.Value.Line : instruction.Line, span ?? instruction.Span, instruction.Line, argument, exact ? span!.Value.Column : instruction.Column);
    }

    private void ReportAt(string code, int line, SourceSpan span, int anchor, string? argument = null, int column = 1)
    {
        var rule = LintRuleCatalog.Find(code);
        if (rule is null)
        {
            return;
        }

        var severity = _configuration.SeverityOf(code, rule.DefaultSeverity);
        if (severity == LintSeverity.Ignore)
        {
            return;
        }

        var message = argument is null ? rule.Message : rule.Message.Replace("{0}", argument, StringComparison.Ordinal);
        _findings.Add((new LintFinding(code, severity, message, _syntax.Path, line, column, span), anchor));
    }

    /// <summary>Parses a RUN into its scripts: the shell-form command line, heredoc bodies run by the shell, or the exec-form array.</summary>
    private static List<RunScript> ParseRun(DockerfileInstruction instruction)
    {
        var scripts = new List<RunScript>(1);
        if (instruction.IsJsonForm)
        {
            var values = instruction.Arguments.Select(a => a.Value).ToList();
            if (values.Count >= 3 && PosixShells.Contains(Path.GetFileName(values[0])) && values[1].StartsWith('-') && values[1].Contains('c', StringComparison.Ordinal))
            {
                scripts.Add(new RunScript(ShellParser.Parse(values[2]), instruction, null, true));
            }
            else
            {
                scripts.Add(new RunScript(ShellParser.FromExecForm(values), instruction, null, true));
            }

            return scripts;
        }

        var commandLine = ShellParser.Parse(instruction.ArgumentText);
        scripts.Add(new RunScript(commandLine, instruction, null, false));
        if (instruction.Heredocs.Count > 0)
        {
            var first = commandLine.Commands.Count == 0 ? null : commandLine.Commands[0].Name;
            var bodiesAreScripts = commandLine.Commands.Count == 0 || (first is not null && PosixShells.Contains(Path.GetFileName(first)));
            if (bodiesAreScripts)
            {
                foreach (var heredoc in instruction.Heredocs)
                {
                    scripts.Add(new RunScript(ShellParser.Parse(heredoc.Body), instruction, heredoc, false));
                }
            }
        }

        return scripts;
    }

    private void Finish()
    {
        if (_stages.Count == 0)
        {
            // hadolint's DL3009 pretends a file without FROM is built FROM scratch, the last stage.
            foreach (var instruction in _aptListCleanupBeforeFrom)
            {
                Report("DL3009", instruction);
            }

            return;
        }

        var last = _stages[^1];
        FinishAptListCleanup(last);

        if (last.User is { } user && last.UserInstruction is { } userInstruction && IsRoot(user))
        {
            Report("DL3002", userInstruction);
        }

        var lastFrom = last.From.Instruction;
        if (!last.HasHealthcheck)
        {
            Report("DL3057", lastFrom);
        }

        if (last.User is null)
        {
            Report("PG1006", lastFrom);
        }

        FinishLabels();
    }

    /// <summary>
    /// DL3009 on the stages hadolint reports it for: a stage whose FROM is the same as the last FROM (image, tag,
    /// digest, alias and platform; so the last stage itself), and a stage whose alias is the image of some FROM in the
    /// file. A stage only used by <c>COPY --from</c>, or not used at all, is not reported. RUNs before the first FROM
    /// count as a stage built <c>FROM scratch</c>.
    /// </summary>
    private void FinishAptListCleanup(LintStage last)
    {
        var fromImages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in _stages)
        {
            fromImages.Add(ImageNameOf(stage.From.ImageText));
        }

        var lastFrom = last.From;
        if (lastFrom.ImageText == "scratch" && lastFrom.Alias is null && lastFrom.Platform is null)
        {
            foreach (var instruction in _aptListCleanupBeforeFrom)
            {
                Report("DL3009", instruction);
            }
        }

        foreach (var stage in _stages)
        {
            var from = stage.From;
            var reported = (from.ImageText == lastFrom.ImageText && from.Alias == lastFrom.Alias && from.Platform == lastFrom.Platform)
                || (from.Alias is { } alias && fromImages.Contains(alias));
            if (reported)
            {
                foreach (var instruction in stage.PendingAptListCleanup)
                {
                    Report("DL3009", instruction);
                }
            }
        }
    }

    private static bool IsRoot(string user)
    {
        var name = user.Split(':')[0];
        return name is "root" or "0";
    }
}
