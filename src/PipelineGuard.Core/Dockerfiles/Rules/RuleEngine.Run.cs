using PipelineGuard.Dockerfiles.Shell;

namespace PipelineGuard.Dockerfiles.Rules;

/// <summary>Rules on RUN: commands that make no sense in a container, package managers, downloads, pipes and shells.</summary>
internal sealed partial class RuleEngine
{
    private static readonly HashSet<string> PointlessCommands = new(StringComparer.Ordinal) { "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim" };

    private void CheckRun(DockerfileInstruction instruction, bool onBuild)
    {
        var stage = _stage;
        if (!onBuild && stage is not null)
        {
            if (stage.PreviousInstruction is { Keyword: "RUN" } previous && SameFlags(previous, instruction))
            {
                Report("DL3059", instruction);
            }
        }

        if (stage is not null && !stage.IsPosixShell && !instruction.IsJsonForm)
        {
            CheckRunSecrets(instruction, []);
            return;
        }

        var scripts = ParseRun(instruction);
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
        var dnf = false;
        var dnfClean = false;
        var zypperInstall = false;
        var zypperClean = false;
        var yarnInstall = false;
        var yarnClean = false;
        var pipefail = false;
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
                case "set":
                    if (command.Arguments.Any(a => a.Value.Contains("pipefail", StringComparison.Ordinal)))
                    {
                        pipefail = true;
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

                    if (command.Arguments.Any(a => a.Value.StartsWith("/var/cache/dnf", StringComparison.Ordinal) || a.Value.StartsWith("/var/cache/yum", StringComparison.Ordinal)))
                    {
                        dnfClean = true;
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
                case "pip" or "pip3" or "pip2" or "pipx":
                    if (command.Subcommand == "install")
                    {
                        CheckPipInstall(command, instruction, Once);
                    }

                    break;
                case "python" or "python3" or "python2":
                    if (command.HasArgument("-m") && command.HasArgument("pip") && command.HasArgument("install"))
                    {
                        CheckPipInstall(command, instruction, Once);
                    }

                    break;
                case "npm":
                    if (command.Subcommand is "install" or "i" or "add")
                    {
                        CheckNpmInstall(command, Once);
                    }

                    break;
                case "gem":
                    if (command.Subcommand == "install")
                    {
                        CheckGemInstall(command, Once);
                    }

                    break;
                case "go":
                    if (command.Subcommand == "install")
                    {
                        foreach (var package in command.GetArgumentsWithoutFlags().Skip(1))
                        {
                            if (!package.Value.Contains('@', StringComparison.Ordinal) && !package.Value.StartsWith('.') && !package.Value.StartsWith('/'))
                            {
                                Once("DL3062");
                                break;
                            }
                        }
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
                        dnfClean = true;
                    }

                    if (command.HasAnyArgument("upgrade", "update", "upgrade-minimal"))
                    {
                        Once("DL3039");
                    }

                    if (command.HasAnyArgument("install", "groupinstall", "localinstall"))
                    {
                        dnf = true;
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

        if (dnf && !dnfClean && !mounts.Any(m => m.StartsWith("/var/cache/dnf", StringComparison.Ordinal) || m.StartsWith("/var/cache/yum", StringComparison.Ordinal)))
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

        if (hasPipe && !pipefail && (stage is null || (stage.IsPosixShell && !stage.HasPipefail)) && !instruction.IsJsonForm)
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

    private void CheckPipInstall(ShellCommand command, DockerfileInstruction instruction, Action<string> once)
    {
        if (!command.HasFlag("no-cache-dir") && !(_stage?.PipNoCache ?? false)
            && !CacheMountTargets(instruction).Any(m => m.Contains(".cache/pip", StringComparison.Ordinal) || m.Contains(".cache", StringComparison.Ordinal)))
        {
            once("DL3042");
        }

        if (command.HasAnyFlag("r", "requirement", "e", "editable", "c", "constraint"))
        {
            return;
        }

        var packages = command.GetArgumentsWithoutFlags(
            "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--trusted-host",
            "--src", "--upgrade-strategy", "--platform", "--python-version", "--implementation", "--abi", "--progress-bar",
            "--no-binary", "--only-binary", "--cache-dir", "--log", "--proxy", "--timeout", "--retries");
        foreach (var package in packages)
        {
            var value = package.Value;
            if (value is "install" or "pip" or "-m")
            {
                continue;
            }

            var pinned = value.IndexOfAny(['=', '<', '>', '~', '@']) >= 0
                || value.EndsWith(".whl", StringComparison.Ordinal) || value.EndsWith(".tar.gz", StringComparison.Ordinal) || value.EndsWith(".zip", StringComparison.Ordinal)
                || value.StartsWith('.') || value.StartsWith('/') || value.Contains("://", StringComparison.Ordinal) || value.StartsWith('$');
            if (!pinned)
            {
                once("DL3013");
                return;
            }
        }
    }

    private static void CheckNpmInstall(ShellCommand command, Action<string> once)
    {
        var packages = command.GetArgumentsWithoutFlags("--prefix", "--registry", "--cache", "-C", "--workspace", "-w");
        var first = true;
        foreach (var package in packages)
        {
            if (first)
            {
                first = false;
                continue;
            }

            var value = package.Value;
            var local = value.StartsWith('.') || value.StartsWith('/') || value.StartsWith('~') || value.Contains("://", StringComparison.Ordinal)
                || value.StartsWith("git", StringComparison.Ordinal) || value.StartsWith("github:", StringComparison.Ordinal) || value.StartsWith("file:", StringComparison.Ordinal)
                || value.EndsWith(".tgz", StringComparison.Ordinal) || value.EndsWith(".tar.gz", StringComparison.Ordinal) || value.Contains('#', StringComparison.Ordinal) || value.StartsWith('$');
            var pinned = value.StartsWith('@') ? value.IndexOf('@', 1) > 0 : value.Contains('@', StringComparison.Ordinal);
            if (!local && !pinned)
            {
                once("DL3016");
                return;
            }
        }
    }

    private static void CheckGemInstall(ShellCommand command, Action<string> once)
    {
        if (command.HasAnyFlag("v", "version"))
        {
            return;
        }

        foreach (var package in command.GetArgumentsWithoutFlags("--source", "-s", "--install-dir", "-i", "--bindir", "-n", "-P", "--trust-policy").Skip(1))
        {
            if (!package.Value.Contains(':', StringComparison.Ordinal) && !package.Value.EndsWith(".gem", StringComparison.Ordinal))
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
            if ((package[i] == '-' || package[i] == ':' || package[i] == '=') && char.IsAsciiDigit(package[i + 1]))
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
