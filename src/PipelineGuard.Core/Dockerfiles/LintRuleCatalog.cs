namespace PipelineGuard.Dockerfiles;

/// <summary>
/// Every rule PipelineGuard knows: hadolint's DL rules (ids, default severities and messages as hadolint 2.x reports
/// them, so its JSON output contract holds) and PipelineGuard's PG1xxx security rules (docs/lint-rules.md).
/// </summary>
public static class LintRuleCatalog
{
    private const string HadolintWiki = "https://github.com/hadolint/hadolint/wiki/";
    private const string ShellCheckWiki = "https://www.shellcheck.net/wiki/";
    private const string PipelineGuardDocs = "https://github.com/pipelineguard/pipelineguard/blob/main/docs/lint-rules.md#";

    private static readonly Dictionary<string, LintRule> ByCode = Build();

    /// <summary>All rules, ordered by code.</summary>
    public static IReadOnlyList<LintRule> Rules { get; } = [.. ByCode.Values.OrderBy(r => r.Code, StringComparer.Ordinal)];

    /// <summary>The rule with <paramref name="code"/>, or null (ShellCheck codes are not listed).</summary>
    public static LintRule? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>Where a code is documented: hadolint's wiki for DL, ShellCheck's wiki for SC, docs/lint-rules.md for PG.</summary>
    public static Uri HelpUriFor(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (ByCode.TryGetValue(code, out var rule))
        {
            return rule.HelpUri;
        }

        return code.StartsWith("SC", StringComparison.Ordinal)
            ? new Uri(ShellCheckWiki + code)
            : code.StartsWith("PG", StringComparison.Ordinal) ? new Uri(PipelineGuardDocs + code.ToLowerInvariant()) : new Uri(HadolintWiki + code);
    }

    private static Dictionary<string, LintRule> Build()
    {
        var rules = new Dictionary<string, LintRule>(StringComparer.Ordinal);
        void Dl(string code, LintSeverity severity, string message) => rules.Add(code, new LintRule(code, severity, message, new Uri(HadolintWiki + code)));
        void Pg(string code, LintSeverity severity, string message, string? name = null, string? title = null) =>
            rules.Add(code, new LintRule(code, severity, message, new Uri(PipelineGuardDocs + code.ToLowerInvariant())) { Name = name, Title = title });
        const LintSeverity E = LintSeverity.Error, W = LintSeverity.Warning, I = LintSeverity.Info, S = LintSeverity.Style, N = LintSeverity.Ignore;

        Dl("DL1000", E, "Dockerfile parse error");
        Dl("DL1001", N, "Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.");
        Dl("DL3000", E, "Use absolute WORKDIR");
        Dl("DL3001", I, "For some bash commands it makes no sense running them in a Docker container like `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`");
        Dl("DL3002", W, "Last USER should not be root");
        Dl("DL3003", W, "Use WORKDIR to switch to a directory");
        Dl("DL3004", E, "Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root");
        Dl("DL3005", N, "Do not use apt-get dist-upgrade");
        Dl("DL3006", W, "Always tag the version of an image explicitly");
        Dl("DL3007", W, "Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag");
        Dl("DL3008", W, "Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`");
        Dl("DL3009", I, "Delete the apt-get lists after installing something");
        Dl("DL3010", I, "Use ADD for extracting archives into an image");
        Dl("DL3011", E, "Valid UNIX ports range from 0 to 65535");
        Dl("DL3012", E, "Multiple `HEALTHCHECK` instructions");
        Dl("DL3013", W, "Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`");
        Dl("DL3014", W, "Use the `-y` switch to avoid manual input `apt-get -y install <package>`");
        Dl("DL3015", I, "Avoid additional packages by specifying `--no-install-recommends`");
        Dl("DL3016", W, "Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`");
        Dl("DL3017", N, "Do not use apk upgrade");
        Dl("DL3018", W, "Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`");
        Dl("DL3019", I, "Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages");
        Dl("DL3020", E, "Use COPY instead of ADD for files and folders");
        Dl("DL3021", E, "COPY with more than 2 arguments requires the last argument to end with /");
        Dl("DL3022", W, "`COPY --from` should reference a previously defined `FROM` alias");
        Dl("DL3023", E, "`COPY --from` cannot reference its own `FROM` alias");
        Dl("DL3024", E, "FROM aliases (stage names) must be unique");
        Dl("DL3025", W, "Use arguments JSON notation for CMD and ENTRYPOINT arguments");
        Dl("DL3026", E, "Use only an allowed registry in the FROM image");
        Dl("DL3027", W, "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead");
        Dl("DL3028", W, "Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`");
        Dl("DL3029", W, "Do not use --platform flag with FROM");
        Dl("DL3030", W, "Use the -y switch to avoid manual input `yum install -y <package`");
        Dl("DL3031", N, "Do not use yum update.");
        Dl("DL3032", W, "`yum clean all` missing after yum command.");
        Dl("DL3033", W, "Specify version with `yum install -y <package>-<version>`.");
        Dl("DL3034", W, "Non-interactive switch missing from `zypper` command: `zypper install -y`");
        Dl("DL3035", W, "Do not use `zypper dist-upgrade`.");
        Dl("DL3036", W, "`zypper clean` missing after zypper use.");
        Dl("DL3037", W, "Specify version with `zypper install -y <package>=<version>`.");
        Dl("DL3038", W, "Use the -y switch to avoid manual input `dnf install -y <package`");
        Dl("DL3039", N, "Do not use dnf update.");
        Dl("DL3040", W, "`dnf clean all` missing after dnf command.");
        Dl("DL3041", W, "Specify version with `dnf install -y <package>-<version>`.");
        Dl("DL3042", W, "Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`");
        Dl("DL3043", E, "`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.");
        Dl("DL3044", E, "Do not refer to an environment variable within the same `ENV` statement where it is defined.");
        Dl("DL3045", W, "`COPY` to a relative destination without `WORKDIR` set.");
        Dl("DL3046", W, "`useradd` without flag `-l` and high UID will result in excessively large Image.");
        Dl("DL3047", I, "Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).");
        Dl("DL3048", S, "Invalid label key.");
        Dl("DL3049", I, "Label `{0}` is missing.");
        Dl("DL3050", I, "Superfluous label(s) present.");
        Dl("DL3051", W, "label `{0}` is empty.");
        Dl("DL3052", W, "Label `{0}` is not a valid URL.");
        Dl("DL3053", W, "Label `{0}` is not a valid time format - must conform to RFC3339.");
        Dl("DL3054", W, "Label `{0}` is not a valid SPDX identifier.");
        Dl("DL3055", W, "Label `{0}` is not a valid git hash.");
        Dl("DL3056", W, "Label `{0}` does not conform to semantic versioning.");
        Dl("DL3057", N, "`HEALTHCHECK` instruction missing.");
        Dl("DL3058", W, "Label `{0}` is not a valid email format - must conform to RFC5322.");
        Dl("DL3059", I, "Multiple consecutive `RUN` instructions. Consider consolidation.");
        Dl("DL3060", I, "`yarn cache clean` missing after `yarn install` was run.");
        Dl("DL3061", E, "Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.");
        Dl("DL3062", W, "Pin versions in go install. Instead of `go install <package>` use `go install <package>@<version>`");
        Dl("DL3063", W, "Stage name should not be a reserved word");
        Dl("DL3064", W, "Potentially sensitive data should not be used in the `ARG` or `ENV` commands");
        Dl("DL3065", W, "Setting `FROM --platform` to predefined `$TARGETPLATFORM` in is redundant as this is the default behavior");
        Dl("DL3066", I, "Non-numeric user-id may not be resolvable by host system");
        Dl("DL3067", W, "Do not copy an entire filesystem from another stage");
        Dl("DL4000", E, "MAINTAINER is deprecated");
        Dl("DL4001", W, "Either use Wget or Curl but not both");
        Dl("DL4003", W, "Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect");
        Dl("DL4004", E, "Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect");
        Dl("DL4005", W, "Use SHELL to change the default shell");
        Dl("DL4006", W, "Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check");

        Pg("PG1001", E, "Secret value in {0}: pass secrets with `RUN --mount=type=secret` instead of build arguments or environment variables", "secret-in-arg-env", "Secret value in ARG or ENV");
        Pg("PG1002", E, "Secret on a RUN command line ({0}): pass it with `RUN --mount=type=secret` instead", "secret-in-run", "Secret on a RUN command line");
        Pg("PG1003", E, "TLS or signature verification disabled: {0}", "verification-disabled", "TLS or signature verification disabled");
        Pg("PG1004", W, "Remote script piped into a shell: download it, verify its checksum or signature, then run it", "remote-script-piped", "Remote script piped into a shell");
        Pg("PG1005", W, "Port 22 (SSH) exposed: containers should not run an SSH server", "ssh-exposed", "Port 22 (SSH) exposed");
        Pg("PG1006", N, "No USER instruction: the image runs as root", "no-user", "No USER instruction: the image runs as root");
        Pg("PG1007", W, "ADD of a remote URL without `--checksum`: the download is not verified", "remote-add-unverified", "ADD of a remote URL without --checksum");
        Pg("PG1008", N, "Base image `{0}` is not pinned by digest: use `image@sha256:...`", "base-not-pinned", "Base image not pinned by digest");
        Pg("PG1009", W, "WORKDIR set to a system directory ({0})", "system-workdir", "WORKDIR set to a system directory");
        Pg("PG1010", W, "Package index `{0}` without installing in the same RUN: the cached index goes stale", "stale-package-index", "Package index updated without an install in the same RUN");
        Pg("PG1011", E, "Literal password fed to `chpasswd` ({0}): set passwords at run time, or lock the account", "chpasswd-literal-password", "Literal password fed to chpasswd");
        Pg("PG1012", E, "Private key file copied into the image (`{0}`): mount it with `RUN --mount=type=ssh` or `--mount=type=secret` instead", "private-key-copied", "Private key file copied into the image");
        return rules;
    }
}
