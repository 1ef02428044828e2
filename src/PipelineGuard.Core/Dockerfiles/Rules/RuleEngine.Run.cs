using PipelineGuard.Dockerfiles.Shell;

namespace PipelineGuard.Dockerfiles.Rules;

/// <summary>Rules on RUN: commands that make no sense in a container, package managers, downloads, pipes and shells.</summary>
internal sealed partial class RuleEngine
{
    private static readonly HashSet<string> PointlessCommands = new(StringComparer.Ordinal) { "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim" };

    private void CheckRun(DockerfileInstruction instruction, bool onBuild)
    {
        var stage = _stage;
        if (stage is not null && !stage.IsPosixShell && !instruction.IsJsonForm)
        {
            if (!onBuild)
            {
                CheckConsecutiveRun(instruction, 1);
            }

            CheckRunSecrets(instruction, []);
            return;
        }

        var scripts = ParseRun(instruction);
        if (!onBuild)
        {
            CheckConsecutiveRun(instruction, scripts.Sum(script => script.Script.Commands.Count));
        }

        if (!onBuild)
        {
            foreach (var script in scripts)
            {
                if (!script.ExecForm && (script.Heredoc is not null || instruction.Heredocs.Count == 0))
                {
                    RunScripts.Add(new ShellCheckInput(script, stage?.ShellName ?? "sh", stage?.IsPosixShell ?? true, stage?.EnvironmentNames ?? []));
                }
            }
        }

        var commands = new List<(ShellCommand Command, RunScript Script)>();
        var hasPipe = false;
        foreach (var script in scripts)
        {
            hasPipe |= script.Script.HasPipe;
            foreach (var command in script.Script.Commands)
            {
                commands.Add((command, script));
            }
        }

        var usesWget = false;
        var usesCurl = false;
        var aptUpdate = false;
        var aptListsRemoved = false;
        var yum = false;
        var yumClean = false;
        // DL3040 as hadolint: per command name (dnf, microdnf), a clean-up after the last install.
        int? dnfInstallAt = null, microdnfInstallAt = null, dnfCleanAt = null, microdnfCleanAt = null;
        var commandIndex = -1;
        var zypperInstall = false;
        var zypperClean = false;
        var yarnInstall = false;
        var yarnClean = false;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        void Once(string code)
        {
            if (reported.Add(code))
            {
                Report(code, instruction);
            }
        }

        foreach (var (command, _) in commands)
        {
            commandIndex++;
            var name = command.Name;
            if (PointlessCommands.Contains(name))
            {
                Once("DL3001");
            }

            switch (name)
            {
                case "cd":
                    Once("DL3003");
                    break;
                case "sudo":
                    Once("DL3004");
                    break;
                case "apt":
                    Once("DL3027");
                    break;
                case "wget":
                    usesWget = true;
                    if (!command.HasAnyFlag("progress", "q", "quiet", "no-verbose", "o", "output-file", "a", "append-output") && !command.HasArgument("-nv"))
                    {
                        Once("DL3047");
                    }

                    break;
                case "curl":
                    usesCurl = true;
                    break;
                case "ln":
                    if (command.HasArgument("/bin/sh"))
                    {
                        Once("DL4005");
                    }

                    break;
                case "useradd":
                    var uid = command.GetOptionValue("u", "uid");
                    if (uid is not null && uid.Length > 5 && !command.HasAnyFlag("l", "no-log-init"))
                    {
                        Once("DL3046");
                    }

                    break;
                case "apt-get":
                    if (command.HasArgument("update"))
                    {
                        aptUpdate = true;
                    }

                    if (command.HasAnyArgument("upgrade", "dist-upgrade"))
                    {
                        Once("DL3005");
                    }

                    if (command.HasArgument("install"))
                    {
                        CheckAptGetInstall(command, Once);
                    }

                    break;
                case "rm":
                    // hadolint counts any rm with -rf or with /var/lib/apt/lists/* as the clean-up.
                    if (command.HasAnyArgument("-rf", "/var/lib/apt/lists/*"))
                    {
                        aptListsRemoved = true;
                    }

                    if (command.Arguments.Any(a => a.Value.StartsWith("/var/cache/yum", StringComparison.Ordinal)))
                    {
                        yumClean = true;
                    }

                    if (command.HasArgument("-rf") && command.Arguments.Any(a => a.Value.StartsWith("/var/cache/dnf", StringComparison.Ordinal) || a.Value.StartsWith("/var/cache/yum", StringComparison.Ordinal)))
                    {
                        dnfCleanAt = commandIndex;
                        microdnfCleanAt = commandIndex;
                    }

                    if (command.Arguments.Any(a => a.Value.StartsWith("/var/cache/zypp", StringComparison.Ordinal)))
                    {
                        zypperClean = true;
                    }

                    break;
                case "apk":
                    if (command.HasArgument("upgrade"))
                    {
                        Once("DL3017");
                    }

                    if (command.HasArgument("add"))
                    {
                        CheckApkAdd(command, instruction, Once);
                    }

                    break;
                case "pip" or "pip3" or "pip2":
                    if (command.Subcommand == "install")
                    {
                        CheckPipInstall(command, instruction, Once);
                    }

                    break;
                case "python" or "python3" or "python2":
                    if (command.Arguments.Count >= 3 && command.Arguments[0].Value == "-m" && command.Arguments[1].Value == "pip" && command.HasArgument("install"))
                    {
                        CheckPipInstall(command, instruction, Once);
                    }

                    break;
                case "npm":
                    if (command.Subcommand == "install")
                    {
                        CheckNpmInstall(command, Once);
                    }

                    break;
                case "gem":
                    if (command.HasAnyArgument("install", "i"))
                    {
                        CheckGemInstall(command, Once);
                    }

                    break;
                case "go":
                    if (command.Subcommand is "install" or "get" && GoPackagesUnpinned(command))
                    {
                        Once("DL3062");
                    }

                    break;
                case "yarn":
                    if (command.Subcommand is null or "install" or "add" || (command.Subcommand == "global" && command.HasArgument("add")))
                    {
                        yarnInstall = true;
                    }

                    if (command.HasArgument("cache") && command.HasArgument("clean"))
                    {
                        yarnClean = true;
                    }

                    break;
                case "yum":
                    if (command.HasArgument("clean") && command.HasArgument("all"))
                    {
                        yumClean = true;
                    }

                    if (command.HasArgument("update") || command.HasArgument("upgrade"))
                    {
                        Once("DL3031");
                    }

                    if (command.HasAnyArgument("install", "groupinstall", "localinstall"))
                    {
                        yum = true;
                        if (!command.HasAnyFlag("y", "assumeyes"))
                        {
                            Once("DL3030");
                        }

                        if (command.HasArgument("install") && RpmPackagesUnpinned(command, "install"))
                        {
                            Once("DL3033");
                        }
                    }

                    break;
                case "dnf" or "microdnf":
                    if (command.HasArgument("clean") && command.HasArgument("all"))
                    {
                        if (name == "dnf")
                        {
                            dnfCleanAt = commandIndex;
                        }
                        else
                        {
                            microdnfCleanAt = commandIndex;
                        }
                    }

                    if (command.HasArgument("install"))
                    {
                        if (name == "dnf")
                        {
                            dnfInstallAt = commandIndex;
                        }
                        else
                        {
                            microdnfInstallAt = commandIndex;
                        }
                    }

                    if (command.HasAnyArgument("upgrade", "update", "upgrade-minimal"))
                    {
                        Once("DL3039");
                    }

                    if (command.HasAnyArgument("install", "groupinstall", "localinstall"))
                    {
                        if (!command.HasAnyFlag("y", "assumeyes"))
                        {
                            Once("DL3038");
                        }

                        if (command.HasArgument("install") && RpmPackagesUnpinned(command, "install"))
                        {
                            Once("DL3041");
                        }
                    }

                    break;
                case "zypper":
                    CheckZypper(command, Once, ref zypperInstall, ref zypperClean);
                    break;
            }
        }

        var mounts = CacheMountTargets(instruction);

        // DL3009 as hadolint: apt-get update with no clean-up, unless the lists (or both apt directories) are mounts.
        if (aptUpdate && !aptListsRemoved && !AptDirectoriesMounted(mounts))
        {
            if (onBuild)
            {
                // hadolint checks ONBUILD triggers apart from the stages, so every one of them is reported.
                Report("DL3009", instruction);
            }
            else if (stage is not null)
            {
                stage.PendingAptListCleanup.Add(instruction);
            }
            else
            {
                _aptListCleanupBeforeFrom.Add(instruction);
            }
        }

        if (yum && !yumClean && !mounts.Any(m => m.StartsWith("/var/cache/yum", StringComparison.Ordinal)))
        {
            Once("DL3032");
        }

        var dnfCacheMounted = mounts.Any(m => m.StartsWith("/var/cache/dnf", StringComparison.Ordinal) || m.StartsWith("/var/cache/yum", StringComparison.Ordinal));
        if (!dnfCacheMounted && (CleanMissing(dnfInstallAt, dnfCleanAt) || CleanMissing(microdnfInstallAt, microdnfCleanAt)))
        {
            Once("DL3040");
        }

        if (zypperInstall && !zypperClean && !mounts.Any(m => m.StartsWith("/var/cache/zypp", StringComparison.Ordinal)))
        {
            Once("DL3036");
        }

        if (yarnInstall && !yarnClean && !mounts.Any(m => m.Contains("yarn", StringComparison.OrdinalIgnoreCase)))
        {
            Once("DL3060");
        }

        if (stage is not null)
        {
            if ((usesWget && (usesCurl || stage.UsedCurl)) || (usesCurl && stage.UsedWget))
            {
                Once("DL4001");
            }

            if (!onBuild)
            {
                stage.UsedWget |= usesWget;
                stage.UsedCurl |= usesCurl;
            }
        }

        // DL4006 as hadolint: only a SHELL with `-o pipefail` (bash, zsh or ash) counts; `set -o pipefail` in the RUN does not.
        if (hasPipe && (stage is null || (stage.IsPosixShell && !stage.HasPipefail)) && !instruction.IsJsonForm)
        {
            Once("DL4006");
        }

        CheckRunSecurity(instruction, commands);
    }

    private static void CheckAptGetInstall(ShellCommand command, Action<string> once)
    {
        if (!command.HasAnyFlag("y", "yes", "assume-yes") && !command.HasAnyArgument("-qq", "-q=2") && command.Arguments.Count(a => a.Value is "-q" or "--quiet") < 2)
        {
            once("DL3014");
        }

        if (!command.HasFlag("no-install-recommends") && !command.Arguments.Any(a => a.Value.Contains("Install-Recommends=false", StringComparison.OrdinalIgnoreCase) || a.Value.Contains("Install-Recommends=0", StringComparison.Ordinal)))
        {
            once("DL3015");
        }

        var packages = command.GetArgumentsWithoutFlags("-o", "-t", "--target-release", "-c", "--option", "--config-file");
        foreach (var package in packages)
        {
            var value = package.Value;
            if (value == "install")
            {
                continue;
            }

            if (!value.Contains('=', StringComparison.Ordinal) && !value.Contains('/', StringComparison.Ordinal) && !value.EndsWith(".deb", StringComparison.Ordinal))
            {
                once("DL3008");
                return;
            }
        }
    }

    private static void CheckApkAdd(ShellCommand command, DockerfileInstruction instruction, Action<string> once)
    {
        if (!command.HasFlag("no-cache") && !CacheMountTargets(instruction).Any(m => m.StartsWith("/var/cache/apk", StringComparison.Ordinal) || m.StartsWith("/etc/apk/cache", StringComparison.Ordinal)))
        {
            once("DL3019");
        }

        var packages = command.GetArgumentsWithoutFlags("-t", "--virtual", "-X", "--repository", "-p", "--root", "--keys-dir", "--cache-dir", "--arch");
        foreach (var package in packages)
        {
            var value = package.Value;
            if (value == "add")
            {
                continue;
            }

            if (value.IndexOfAny(['=', '<', '>', '~']) < 0 && !value.EndsWith(".apk", StringComparison.Ordinal))
            {
                once("DL3018");
                return;
            }
        }
    }

    private static readonly string[] PipNoCacheTruthy = ["1", "true", "True", "TRUE", "on", "On", "ON", "yes", "Yes", "YES"];

    private static readonly string[] PipVersionOperators = ["==", ">=", "<=", ">", "<", "!=", "~=", "==="];

    private static readonly string[] PipVcsSchemes =
    [
        "git+file", "git+https", "git+ssh", "git+http", "git+git", "git", "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http",
        "svn", "svn+svn", "svn+http", "svn+https", "svn+ssh", "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp",
    ];

    /// <summary>hadolint's truthy values of <c>PIP_NO_CACHE_DIR</c>.</summary>
    internal static bool IsPipNoCacheTruthy(string? value) => value is not null && Array.IndexOf(PipNoCacheTruthy, value) >= 0;

    /// <summary>hadolint reads <c>PIP_NO_CACHE_DIR=</c> anywhere in the RUN text, followed by a truthy value.</summary>
    private static bool RunSetsPipNoCache(string text)
    {
        var at = text.IndexOf("PIP_NO_CACHE_DIR=", StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var rest = text.AsSpan(at + "PIP_NO_CACHE_DIR=".Length);
        foreach (var truthy in PipNoCacheTruthy)
        {
            if (rest.StartsWith(truthy, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckPipInstall(ShellCommand command, DockerfileInstruction instruction, Action<string> once)
    {
        var noCache = _stage?.PipNoCache ?? _pipNoCacheBeforeFrom;
        if (!command.HasFlag("no-cache-dir") && !noCache && !RunSetsPipNoCache(instruction.ArgumentText)
            && !CacheMountTargets(instruction).Any(m => m.Contains(".cache", StringComparison.Ordinal)))
        {
            once("DL3042");
        }

        // DL3013 as hadolint: requirement files, `.` and constraints are not judged; a package is pinned by a version
        // operator, a VCS URL with `@`, a .whl/.tar.gz, or a path (a `/` outside a VCS URL).
        if (command.HasAnyFlag("c", "constraint") || command.HasAnyArgument("-r", "--requirement", "."))
        {
            return;
        }

        var packages = command.GetArgumentsWithoutFlags(
            "--abi", "-b", "--build", "-e", "--editable", "--extra-index-url", "-f", "--find-links", "-i", "--index-url", "--implementation",
            "--no-binary", "--only-binary", "--platform", "--prefix", "--progress-bar", "--proxy", "--python-version", "--root", "--src",
            "-t", "--target", "--trusted-host", "--upgrade-strategy");
        var seenInstall = false;
        foreach (var package in packages)
        {
            var value = package.Value;
            if (!seenInstall)
            {
                seenInstall = value == "install";
                continue;
            }

            if (value == "install")
            {
                continue;
            }

            var vcs = PipVcsSchemes.Any(scheme => value.StartsWith(scheme, StringComparison.Ordinal));
            var pinned = PipVersionOperators.Any(op => value.Contains(op, StringComparison.Ordinal))
                || (vcs && value.Contains('@', StringComparison.Ordinal))
                || value.EndsWith(".whl", StringComparison.Ordinal) || value.EndsWith(".tar.gz", StringComparison.Ordinal)
                || (!vcs && value.Contains('/', StringComparison.Ordinal));
            if (!pinned)
            {
                once("DL3013");
                return;
            }
        }
    }

    private static readonly string[] NpmGitPrefixes = ["git://", "git+ssh://", "git+http://", "git+https://"];

    private static readonly string[] NpmPathPrefixes = ["/", "./", "../", "~/"];

    private static readonly string[] NpmTarballSuffixes = [".tar", ".tar.gz", ".tgz"];

    /// <summary>
    /// DL3016 as hadolint: a git URL is pinned by <c>#commit</c> or <c>#semver:</c>, a tarball or a folder needs no
    /// version, any other package needs <c>@version</c> (after its <c>@scope/</c>).
    /// </summary>
    private static void CheckNpmInstall(ShellCommand command, Action<string> once)
    {
        var packages = command.GetArgumentsWithoutFlags("--prefix", "--registry", "--cache", "-C", "--workspace", "-w", "--loglevel");
        var first = true;
        foreach (var package in packages)
        {
            if (first)
            {
                first = false;
                continue;
            }

            var value = package.Value;
            bool pinned;
            if (NpmGitPrefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal)))
            {
                pinned = value.Contains('#', StringComparison.Ordinal);
            }
            else if (NpmTarballSuffixes.Any(p => value.EndsWith(p, StringComparison.Ordinal)) || NpmPathPrefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal)))
            {
                pinned = true;
            }
            else
            {
                var name = value.StartsWith('@') && value.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? value[(slash + 1)..] : value;
                pinned = name.Contains('@', StringComparison.Ordinal);
            }

            if (!pinned)
            {
                once("DL3016");
                return;
            }
        }
    }

    /// <summary>DL3062: <c>go install</c> or <c>go get</c> of a module without <c>@version</c>, or with <c>@latest</c>; local paths need none.</summary>
    private static bool GoPackagesUnpinned(ShellCommand command)
    {
        foreach (var package in command.GetArgumentsWithoutFlags("-o", "-modfile", "-C", "-pkgdir", "-tags", "-ldflags", "-gcflags", "-asmflags", "-mod", "-p").Skip(1))
        {
            var value = package.Value;
            if (value.StartsWith('.') || value.StartsWith('/') || value.StartsWith('$'))
            {
                continue;
            }

            var at = value.IndexOf('@', StringComparison.Ordinal);
            if (at < 0 || value.AsSpan(at + 1) is "latest" or "" or "upgrade" or "patch")
            {
                return true;
            }
        }

        return false;
    }

    private static bool CleanMissing(int? installAt, int? cleanAt) => installAt is { } install && !(cleanAt is { } clean && clean > install);

    private static void CheckGemInstall(ShellCommand command, Action<string> once)
    {
        if (command.HasAnyFlag("v", "version"))
        {
            return;
        }

        var arguments = command.Arguments;
        for (var index = 0; index < arguments.Count; index++)
        {
            var value = arguments[index].Value;

            // Arguments after `--` go to the gem's build, not to gem.
            if (value == "--")
            {
                return;
            }

            if (value.StartsWith('-'))
            {
                index += value is "--source" or "-s" or "--install-dir" or "-i" or "--bindir" or "-n" or "-P" or "--trust-policy" ? 1 : 0;
                continue;
            }

            if (value is "install" or "i")
            {
                continue;
            }

            if (!value.Contains(':', StringComparison.Ordinal) && !value.EndsWith(".gem", StringComparison.Ordinal))
            {
                once("DL3028");
                return;
            }
        }
    }

    private static bool RpmPackagesUnpinned(ShellCommand command, string subcommand)
    {
        var seenSubcommand = false;
        foreach (var package in command.GetArgumentsWithoutFlags("--setopt", "--enablerepo", "--disablerepo", "--releasever", "--installroot", "-c", "--config"))
        {
            var value = package.Value;
            if (!seenSubcommand)
            {
                seenSubcommand = value == subcommand;
                continue;
            }

            if (value.StartsWith('@') || value.StartsWith('/') || value.StartsWith('$') || value.Contains("://", StringComparison.Ordinal) || value.EndsWith(".rpm", StringComparison.Ordinal))
            {
                continue;
            }

            if (!HasRpmVersion(value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasRpmVersion(string package)
    {
        for (var i = 0; i + 1 < package.Length; i++)
        {
            if ((package[i] == '-' || package[i] == ':' || package[i] == '=') && (char.IsAsciiDigit(package[i + 1]) || package[i + 1] == '$'))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckZypper(ShellCommand command, Action<string> once, ref bool install, ref bool clean)
    {
        var sub = command.Subcommand;
        if (sub is "clean" or "cc")
        {
            clean = true;
            return;
        }

        if (sub is "dist-upgrade" or "dup")
        {
            once("DL3035");
        }

        if (sub is "install" or "in" or "remove" or "rm" or "source-install" or "si" or "patch")
        {
            if (!command.HasAnyFlag("n", "non-interactive", "y", "no-confirm"))
            {
                once("DL3034");
            }
        }

        if (sub is "install" or "in")
        {
            install = true;
            var seen = false;
            foreach (var package in command.GetArgumentsWithoutFlags("--from", "-r", "--repo", "-t", "--type"))
            {
                if (!seen)
                {
                    seen = package.Value == sub;
                    continue;
                }

                var value = package.Value;
                if (value.IndexOfAny(['=', '<', '>']) < 0 && !value.EndsWith(".rpm", StringComparison.Ordinal) && !value.StartsWith('$'))
                {
                    once("DL3037");
                    break;
                }
            }
        }
    }

    private static bool AptDirectoriesMounted(List<string> mounts) =>
        mounts.Any(m => m.StartsWith("/var/lib/apt/lists", StringComparison.Ordinal))
        || (mounts.Any(m => m.StartsWith("/var/lib/apt", StringComparison.Ordinal)) && mounts.Any(m => m.StartsWith("/var/cache/apt", StringComparison.Ordinal)));

    private static List<string> CacheMountTargets(DockerfileInstruction instruction)
    {
        var targets = new List<string>();
        foreach (var flag in instruction.Flags)
        {
            if (flag.Name != "mount" || flag.Value is null)
            {
                continue;
            }

            string? type = null;
            string? target = null;
            foreach (var part in flag.Value.Split(','))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var key = eq < 0 ? part : part[..eq];
                var value = eq < 0 ? string.Empty : part[(eq + 1)..];
                if (key == "type")
                {
                    type = value;
                }
                else if (key is "target" or "dst" or "destination")
                {
                    target = value;
                }
            }

            if (type is "cache" or "tmpfs" && target is not null)
            {
                targets.Add(target);
            }
        }

        return targets;
    }

    private static bool SameFlags(DockerfileInstruction a, DockerfileInstruction b)
    {
        if (a.Flags.Count != b.Flags.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Flags.Count; i++)
        {
            if (a.Flags[i].Name != b.Flags[i].Name || a.Flags[i].Value != b.Flags[i].Value)
            {
                return false;
            }
        }

        return true;
    }
}
