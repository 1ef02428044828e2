using System.Buffers;
using PipelineGuard.Dockerfiles.Shell;
using PipelineGuard.Secrets;

namespace PipelineGuard.Dockerfiles.Rules;

/// <summary>Secret and supply-chain rules: hadolint's DL3064 and PipelineGuard's PG1xxx (docs/lint-rules.md).</summary>
internal sealed partial class RuleEngine
{
    private static readonly HashSet<string> SensitiveNames = new(StringComparer.Ordinal)
    {
        "ACCESS_TOKEN", "APPLICATION_KEY", "APP_SECRET", "AUTH_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "BITTREX_API_KEY",
        "BITTREX_API_SECRET", "CF_PASSWORD", "CF_USERNAME", "CIRCLE_TOKEN", "CI_DEPLOY_PASSWORD", "CI_DEPLOY_USER", "DOCKERHUB_PASSWORD",
        "DOCKER_EMAIL", "DOCKER_PASSWORD", "DOCKER_USERNAME", "FACEBOOK_ACCESS_TOKEN", "FACEBOOK_APP_ID", "FACEBOOK_APP_SECRET",
        "FIREBASE_API_TOKEN", "FIREBASE_TOKEN", "FOSSA_API_KEY", "GH_ENTERPRISE_TOKEN", "GH_TOKEN", "GITHUB_ENTERPRISE_TOKEN",
        "GITHUB_TOKEN", "HEROKU_API_KEY", "HEROKU_API_USER", "NPM_AUTH_TOKEN", "NPM_TOKEN", "OKTA_AUTHN_GROUPID", "OKTA_CLIENT_ORGURL",
        "OKTA_CLIENT_TOKEN", "OKTA_OAUTH2_CLIENTID", "OKTA_OAUTH2_CLIENTSECRET", "OPENAI_API_KEY", "OS_PASSWORD", "OS_USERNAME",
        "POSTGRES_PASSWORD", "SLACK_TOKEN", "STRIPE_API_KEY", "STRIPE_DEVICE_NAME", "TRAVIS_OS_NAME", "TRAVIS_SECURE_ENV_VARS",
        "TRAVIS_SUDO", "VAULT_CLIENT_KEY", "VAULT_TOKEN",
    };

    private static readonly string[] SuspiciousParts = ["api_key", "client_key", "password", "private", "secret", "token", "username"];

    private static readonly HashSet<string> SystemDirectories = new(StringComparer.Ordinal)
    {
        "/", "/bin", "/boot", "/dev", "/etc", "/initrd", "/lib", "/lib32", "/lib64", "/lost+found", "/proc", "/sbin", "/sys",
        "/usr", "/usr/bin", "/usr/lib", "/usr/sbin", "/usr/local/bin", "/var/run",
    };

    private static readonly string[] SystemDirectoryPrefixes = ["/proc/", "/boot/", "/dev/", "/sys/", "/initrd/", "/lost+found/"];

    private static readonly HashSet<string> ShellNames = new(StringComparer.Ordinal) { "sh", "bash", "ash", "dash", "zsh", "ksh", "python", "python3", "perl", "ruby", "node", "pwsh" };

    private static readonly SearchValues<char> HereStringEnd = SearchValues.Create(" '\"\n;&|");

    /// <summary>SSH private key file names: copying one into an image ships the key.</summary>
    private static readonly string[] PrivateKeyFileNames = ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"];

    /// <summary>PG1012: COPY or ADD of an SSH private key file (<c>id_rsa</c>, <c>id_ed25519</c>...) from the context.</summary>
    private void CheckCopiedKeys(DockerfileInstruction instruction)
    {
        if (instruction.GetFlag("from") is not null)
        {
            return;
        }

        for (var i = 0; i < instruction.Arguments.Count - 1; i++)
        {
            var source = instruction.Arguments[i];
            var name = Path.GetFileName(source.Value.TrimEnd('/'));
            if (Array.IndexOf(PrivateKeyFileNames, name) >= 0)
            {
                Report("PG1012", instruction, name, source.Span);
            }
        }
    }

    /// <summary>The first credential in <paramref name="value"/> recognised by its format, or null.</summary>
    private static SecretMatch? FirstValueSecret(string value)
    {
        var found = SecretPatterns.FindValues(value);
        return found.Count == 0 ? null : found[0];
    }

    private void CheckSensitiveNames(DockerfileInstruction instruction)
    {
        foreach (var pair in instruction.Pairs)
        {
            if (SensitiveNames.Contains(pair.Key.ToUpperInvariant()) || ContainsAnyPart(pair.Key, SuspiciousParts))
            {
                Report("DL3064", instruction);
                return;
            }
        }
    }

    private void CheckSecretPairs(DockerfileInstruction instruction)
    {
        foreach (var pair in instruction.Pairs)
        {
            var value = pair.Value;
            if (value is not null && string.Equals(pair.Key, "GIT_SSL_NO_VERIFY", StringComparison.OrdinalIgnoreCase))
            {
                // git switches verification off whenever the variable is set, whatever its value (even empty, 0 or false).
                Report("PG1003", instruction, "GIT_SSL_NO_VERIFY", pair.Span);
                continue;
            }

            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var upper = pair.Key.ToUpperInvariant();
            if (SecretPatterns.FindInAssignment(pair.Key, value) is { } secret)
            {
                Report("PG1001", instruction, $"`{instruction.Keyword} {pair.Key}` ({secret.Describe()})", pair.Span);
            }

            var insecure = InsecureVariable(upper, value);
            if (insecure is not null)
            {
                Report("PG1003", instruction, insecure, pair.Span);
            }
        }
    }

    private static bool ContainsAnyPart(string name, string[] parts)
    {
        foreach (var part in parts)
        {
            if (name.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string? InsecureVariable(string name, string value)
    {
        var v = value.Trim().ToLowerInvariant();
        return name switch
        {
            "NODE_TLS_REJECT_UNAUTHORIZED" when v == "0" => "NODE_TLS_REJECT_UNAUTHORIZED=0",
            "GIT_SSL_NO_VERIFY" => "GIT_SSL_NO_VERIFY",
            "PYTHONHTTPSVERIFY" when v == "0" => "PYTHONHTTPSVERIFY=0",
            "PIP_TRUSTED_HOST" when v.Length > 0 => "PIP_TRUSTED_HOST",
            "GOINSECURE" when v.Length > 0 => "GOINSECURE",
            "NPM_CONFIG_STRICT_SSL" or "YARN_STRICT_SSL" when v is "false" or "0" => $"{name}=false",
            "CURL_INSECURE" or "WGET_NO_CHECK_CERTIFICATE" when v is "1" or "true" => name,
            _ => null,
        };
    }

    private void CheckSystemWorkdir(DockerfileInstruction instruction, string path)
    {
        var normalized = path.Trim('"', '\'');
        if (normalized.Length > 1)
        {
            normalized = normalized.TrimEnd('/');
        }

        if (SystemDirectories.Contains(normalized) || SystemDirectoryPrefixes.Any(p => normalized.StartsWith(p, StringComparison.Ordinal)))
        {
            Report("PG1009", instruction, normalized);
        }
    }

    private void CheckRunSecrets(DockerfileInstruction instruction, List<(ShellCommand Command, RunScript Script)> commands)
    {
        var hasSecretMount = instruction.Flags.Any(f => f.Name == "mount" && f.Value is { } v && v.Contains("type=secret", StringComparison.Ordinal));
        void Secret(string what, ShellWord? word, RunScript? script)
        {
            var span = word is not null && script is not null ? SpanOfWord(word, script) : instruction.Span;
            Report("PG1002", instruction, what, span);
        }

        if (commands.Count == 0)
        {
            if (FirstValueSecret(instruction.ArgumentText) is { } token)
            {
                Secret(token.Describe(), null, null);
            }

            return;
        }

        CheckChpasswd(instruction, commands);

        foreach (var (command, script) in commands)
        {
            foreach (var assignment in command.Assignments)
            {
                var eq = assignment.Value.IndexOf('=', StringComparison.Ordinal);
                var name = assignment.Value[..eq];
                var value = assignment.Value[(eq + 1)..];
                if (value.Length > 0 && SecretPatterns.FindInAssignment(name, value) is { } secret)
                {
                    Secret($"{name}: {secret.Describe()}", assignment, script);
                }
            }

            var arguments = command.Arguments;
            if (!hasSecretMount && command.Name == "aws" && command.HasArgument("configure") && command.HasArgument("set")
                && command.HasAnyArgument("aws_access_key_id", "aws_secret_access_key", "aws_session_token") && arguments.Count > 3 && IsLiteralSecret(arguments[^1].Value, hasSecretMount))
            {
                Secret($"aws configure set: {Describe(arguments[^1].Value)}", arguments[^1], script);
            }

            if (CommandLineSecret(command) is { } commandLineSecret)
            {
                Secret(commandLineSecret.What, commandLineSecret.Word, script);
            }

            for (var i = 0; i < arguments.Count; i++)
            {
                var word = arguments[i];
                var value = word.Value;
                if (FirstValueSecret(value) is { } token)
                {
                    Secret(token.Describe(), word, script);
                    continue;
                }

                if (value.StartsWith("--", StringComparison.Ordinal))
                {
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    var flag = (eq < 0 ? value[2..] : value[2..eq]).ToLowerInvariant();
                    if (flag is "password" or "passwd" or "token" or "secret" or "api-key" or "apikey" or "access-key" or "secret-key" or "auth-token" or "client-secret")
                    {
                        var secret = eq >= 0 ? value[(eq + 1)..] : i + 1 < arguments.Count ? arguments[i + 1].Value : string.Empty;
                        if (secret.Length > 0 && IsLiteralSecret(secret, hasSecretMount))
                        {
                            Secret($"--{flag}: {Describe(secret)}", word, script);
                        }
                    }
                }
                else if ((value.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("PRIVATE-TOKEN:", StringComparison.OrdinalIgnoreCase))
                    && IsLiteralSecret(value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), hasSecretMount))
                {
                    Secret($"an Authorization header: {Describe(value)}", word, script);
                }
            }
        }
    }

    private static string Describe(string secret) => $"fingerprint {SecretPatterns.Fingerprint(secret)}";

    /// <summary>
    /// Passwords given to well-known tools on their command line: <c>docker/podman/helm login -p</c>,
    /// <c>mysql -pSECRET</c>, <c>curl -u user:pass</c>, <c>htpasswd -b file user pass</c>, <c>sshpass -p</c>.
    /// </summary>
    private static (string What, ShellWord Word)? CommandLineSecret(ShellCommand command)
    {
        var arguments = command.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            var value = arguments[i].Value;
            var next = i + 1 < arguments.Count ? arguments[i + 1].Value : null;
            switch (command.Name)
            {
                case "docker" or "podman" or "buildah" or "helm" or "skopeo" or "oras" or "crane" or "nerdctl" when command.HasArgument("login"):
                    if (value == "-p" && next is not null && IsLiteralSecret(next, false))
                    {
                        return ($"{command.Name} login -p: {Describe(next)}", arguments[i + 1]);
                    }

                    break;
                case "mysql" or "mysqldump" or "mysqladmin" or "mariadb" or "mariadb-dump":
                    if (value.StartsWith("-p", StringComparison.Ordinal) && !value.StartsWith("--", StringComparison.Ordinal) && value.Length > 2 && IsLiteralSecret(value[2..], false))
                    {
                        return ($"{command.Name} -p: {Describe(value[2..])}", arguments[i]);
                    }

                    break;
                case "curl":
                    var credentials = value is "-u" or "--user" or "--proxy-user" or "-U" ? next : value.StartsWith("--user=", StringComparison.Ordinal) ? value[7..] : null;
                    if (credentials is not null && credentials.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && colon + 1 < credentials.Length && IsLiteralSecret(credentials[(colon + 1)..], false))
                    {
                        return ($"curl -u user:password: {Describe(credentials[(colon + 1)..])}", arguments[value.StartsWith("--user=", StringComparison.Ordinal) ? i : i + 1]);
                    }

                    break;
                case "htpasswd":
                    if (value.Length > 1 && value[0] == '-' && value[1] != '-' && value.Contains('b', StringComparison.Ordinal))
                    {
                        var positional = arguments.Where(a => !a.Value.StartsWith('-')).ToList();
                        if (positional.Count >= 3 && IsLiteralSecret(positional[^1].Value, false))
                        {
                            return ($"htpasswd -b: {Describe(positional[^1].Value)}", positional[^1]);
                        }
                    }

                    break;
                case "sshpass":
                    if (value == "-p" && next is not null && IsLiteralSecret(next, false))
                    {
                        return ($"sshpass -p: {Describe(next)}", arguments[i + 1]);
                    }

                    if (value.StartsWith("-p", StringComparison.Ordinal) && value.Length > 2 && IsLiteralSecret(value[2..], false))
                    {
                        return ($"sshpass -p: {Describe(value[2..])}", arguments[i]);
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>PG1011: a literal <c>user:password</c> fed to <c>chpasswd</c> (by echo/printf in a pipe, or a here-string).</summary>
    private void CheckChpasswd(DockerfileInstruction instruction, List<(ShellCommand Command, RunScript Script)> commands)
    {
        for (var index = 0; index < commands.Count; index++)
        {
            var (command, script) = commands[index];
            if (command.Name != "chpasswd")
            {
                continue;
            }

            if (index > 0 && command.IsPiped && commands[index - 1].Command is { Name: "echo" or "printf", IsPiped: true } feeder)
            {
                foreach (var argument in feeder.Arguments)
                {
                    var colon = argument.Value.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0 && colon + 1 < argument.Value.Length && !argument.Value.Contains('$', StringComparison.Ordinal))
                    {
                        Report("PG1011", instruction, Describe(argument.Value[(colon + 1)..].Split(['\\', ' '])[0]), SpanOfWord(argument, script));
                        return;
                    }
                }
            }

            var text = instruction.ArgumentText;
            var hereString = text.IndexOf("chpasswd", StringComparison.Ordinal) is var at and >= 0 ? text.IndexOf("<<<", at, StringComparison.Ordinal) : -1;
            if (hereString >= 0)
            {
                var rest = text.AsSpan(hereString + 3).TrimStart().TrimStart("'\"");
                var end = rest.IndexOfAny(HereStringEnd);
                var pair = (end < 0 ? rest : rest[..end]).ToString();
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && colon + 1 < pair.Length && !pair.Contains('$', StringComparison.Ordinal))
                {
                    Report("PG1011", instruction, Describe(pair[(colon + 1)..]));
                    return;
                }
            }
        }
    }

    private static bool IsLiteralSecret(string value, bool hasSecretMount)
    {
        if (value.Contains('$', StringComparison.Ordinal) || value.Contains("/run/secrets", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var last = parts.Length == 0 ? value : parts[^1];
        _ = hasSecretMount;
        return last.Length >= 4 && last is not ("Bearer" or "Basic" or "changeme");
    }

    private void CheckRunSecurity(DockerfileInstruction instruction, List<(ShellCommand Command, RunScript Script)> commands)
    {
        CheckRunSecrets(instruction, commands);
        var updates = new List<(string Name, ShellWord? Word, RunScript Script)>();
        var installs = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < commands.Count; index++)
        {
            var (command, script) = commands[index];
            var insecure = InsecureCommand(command);
            if (insecure is not null)
            {
                Report("PG1003", instruction, insecure, command.NameWord is { } nameWord ? SpanOfWord(nameWord, script) : instruction.Span);
            }

            foreach (var assignment in command.Assignments)
            {
                var eq = assignment.Value.IndexOf('=', StringComparison.Ordinal);
                var variable = InsecureVariable(assignment.Value[..eq].ToUpperInvariant(), assignment.Value[(eq + 1)..]);
                if (variable is not null)
                {
                    Report("PG1003", instruction, variable, SpanOfWord(assignment, script));
                }
            }

            if (command.Name is "export")
            {
                foreach (var argument in command.Arguments)
                {
                    var eq = argument.Value.IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0 && InsecureVariable(argument.Value[..eq].ToUpperInvariant(), argument.Value[(eq + 1)..]) is { } variable)
                    {
                        Report("PG1003", instruction, variable, SpanOfWord(argument, script));
                    }
                }
            }

            if (command.Name is "curl" or "wget" && command.IsPiped && index + 1 < commands.Count)
            {
                var next = commands[index + 1].Command;
                var target = next.Name == "sudo" && next.Arguments.Count > 0 ? next.Arguments[0].Value : next.Name;
                if (next.IsPiped && ShellNames.Contains(Path.GetFileName(target)))
                {
                    Report("PG1004", instruction, span: command.NameWord is { } w ? SpanOfWord(w, script) : instruction.Span);
                }
            }

            if (ShellNames.Contains(command.Name) && command.Arguments.Any(a => a.Value.Contains("$(curl", StringComparison.Ordinal) || a.Value.Contains("$(wget", StringComparison.Ordinal)))
            {
                Report("PG1004", instruction);
            }

            switch (command.Name)
            {
                case "apt-get" or "apt":
                    if (command.HasArgument("update"))
                    {
                        updates.Add(($"{command.Name} update", command.NameWord, script));
                    }

                    if (command.HasAnyArgument("install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source"))
                    {
                        installs.Add("apt");
                    }

                    break;
                case "apk":
                    if (command.HasArgument("update"))
                    {
                        updates.Add(("apk update", command.NameWord, script));
                    }

                    if (command.HasAnyArgument("add", "upgrade", "fix"))
                    {
                        installs.Add("apk");
                    }

                    break;
                case "zypper":
                    if (command.Subcommand is "refresh" or "ref")
                    {
                        updates.Add(("zypper refresh", command.NameWord, script));
                    }

                    if (command.Subcommand is "install" or "in" or "update" or "up" or "dist-upgrade" or "dup" or "patch")
                    {
                        installs.Add("zypper");
                    }

                    break;
            }
        }

        foreach (var (name, word, script) in updates)
        {
            var family = name.StartsWith("apk", StringComparison.Ordinal) ? "apk" : name.StartsWith("zypper", StringComparison.Ordinal) ? "zypper" : "apt";
            if (!installs.Contains(family))
            {
                Report("PG1010", instruction, name, word is null ? instruction.Span : SpanOfWord(word, script));
                break;
            }
        }

        if (instruction.ArgumentText.Contains("<(curl", StringComparison.Ordinal) || instruction.ArgumentText.Contains("<(wget", StringComparison.Ordinal))
        {
            Report("PG1004", instruction);
        }
    }

    private static string? InsecureCommand(ShellCommand command)
    {
        switch (command.Name)
        {
            case "curl":
                return command.HasAnyFlag("k", "insecure") ? "`curl --insecure`" : null;
            case "wget":
                return command.HasFlag("no-check-certificate") ? "`wget --no-check-certificate`" : null;
            case "pip" or "pip3" or "pip2" or "python" or "python3":
                return command.HasFlag("trusted-host") ? "`pip --trusted-host`" : null;
            case "apk":
                return command.HasFlag("allow-untrusted") ? "`apk --allow-untrusted`" : null;
            case "apt-get" or "apt" or "aptitude":
                if (command.HasAnyFlag("allow-unauthenticated", "force-yes", "allow-insecure-repositories"))
                {
                    return $"`{command.Name} --allow-unauthenticated/--force-yes`";
                }

                return command.Arguments.Any(a => a.Value.Contains("AllowUnauthenticated=true", StringComparison.OrdinalIgnoreCase) || a.Value.Contains("Verify-Peer=false", StringComparison.OrdinalIgnoreCase))
                    ? $"`{command.Name} -o` disabling verification" : null;
            case "yum" or "dnf" or "microdnf" or "tdnf":
                if (command.HasFlag("nogpgcheck") || command.Arguments.Any(a => a.Value.Contains("gpgcheck=0", StringComparison.Ordinal) || a.Value.Contains("gpgcheck=false", StringComparison.OrdinalIgnoreCase)))
                {
                    return $"`{command.Name} --nogpgcheck`";
                }

                return command.Arguments.Any(a => SslVerifyOff(a.Value)) ? $"`{command.Name} --setopt=sslverify=no`" : null;
            case "zypper":
                return command.HasAnyFlag("no-gpg-checks", "gpg-auto-import-keys") ? "`zypper --no-gpg-checks`" : null;
            case "rpm":
                return command.HasAnyFlag("nosignature", "nodigest", "noverify", "nofiledigest") ? "`rpm --nosignature/--nodigest`" : null;
            case "yum-config-manager" or "dnf-config-manager":
                return command.Arguments.Any(a => SslVerifyOff(a.Value)) ? $"`{command.Name} sslverify=false`" : null;
            case "npm" or "yarn" or "pnpm":
                return StrictSslOff(command) ? $"`{command.Name}` with strict-ssl false" : null;
            case "git":
                return command.Arguments.Any(a => a.Value.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("http.sslVerify=false", StringComparison.OrdinalIgnoreCase))
                    || (command.HasArgument("config") && command.Arguments.Any(a => a.Value.Equals("http.sslVerify", StringComparison.OrdinalIgnoreCase)) && command.HasArgument("false"))
                    ? "`git http.sslVerify=false`" : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// npm, yarn and pnpm with strict-ssl off: the flag (<c>--strict-ssl=false</c>, <c>--strict-ssl false</c>,
    /// <c>--no-strict-ssl</c>) or a config write (<c>npm config set</c>, <c>npm set</c>, <c>npm c set</c>,
    /// <c>yarn config set</c>) of <c>strict-ssl=false</c> or <c>strict-ssl false</c>.
    /// </summary>
    private static bool StrictSslOff(ShellCommand command)
    {
        var arguments = command.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            var value = arguments[i].Value.Trim('"', '\'');
            var next = i + 1 < arguments.Count ? arguments[i + 1].Value.Trim('"', '\'') : null;
            if (value is "--no-strict-ssl" || value.Equals("--strict-ssl=false", StringComparison.OrdinalIgnoreCase) || value.Equals("--strict-ssl=0", StringComparison.Ordinal)
                || (value == "--strict-ssl" && next is "false" or "0"))
            {
                return true;
            }

            var setting = value.StartsWith("strict-ssl", StringComparison.OrdinalIgnoreCase) || value.StartsWith("strictSSL", StringComparison.OrdinalIgnoreCase);
            if (setting && command.HasAnyArgument("set", "config", "c"))
            {
                var eq = value.IndexOf('=', StringComparison.Ordinal);
                var setTo = eq >= 0 ? value[(eq + 1)..] : next;
                if (setTo is not null && (setTo.Equals("false", StringComparison.OrdinalIgnoreCase) || setTo == "0"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>sslverify=0</c>, <c>=no</c>, <c>=false</c> or <c>=off</c> (in <c>--setopt=</c> or a config-manager option).</summary>
    private static bool SslVerifyOff(string argument)
    {
        var at = argument.IndexOf("sslverify=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return false;
        }

        var value = argument.AsSpan(at + "sslverify=".Length).Trim('"').Trim('\'');
        return value.Equals("0", StringComparison.Ordinal) || value.Equals("no", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.Equals("off", StringComparison.OrdinalIgnoreCase);
    }

    private SourceSpan SpanOfWord(ShellWord word, RunScript script)
    {
        var start = script.ToSourceOffset(word.Start);
        var end = script.ToSourceOffset(Math.Max(word.Start, word.End - 1)) + 1;
        return SourceSpanFactory(start, Math.Max(start, end));
    }
}
