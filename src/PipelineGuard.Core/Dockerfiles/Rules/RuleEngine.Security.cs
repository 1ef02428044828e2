using System.Text.RegularExpressions;
using PipelineGuard.Dockerfiles.Shell;

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

    private static readonly string[] SecretValueParts = ["password", "passwd", "secret", "token", "api_key", "apikey", "private_key", "access_key", "credential"];

    private static readonly HashSet<string> SystemDirectories = new(StringComparer.Ordinal)
    {
        "/", "/bin", "/boot", "/dev", "/etc", "/initrd", "/lib", "/lib32", "/lib64", "/lost+found", "/proc", "/sbin", "/sys",
        "/usr", "/usr/bin", "/usr/lib", "/usr/sbin", "/usr/local/bin", "/var/run",
    };

    private static readonly string[] SystemDirectoryPrefixes = ["/proc/", "/boot/", "/dev/", "/sys/", "/initrd/", "/lost+found/"];

    private static readonly HashSet<string> ShellNames = new(StringComparer.Ordinal) { "sh", "bash", "ash", "dash", "zsh", "ksh", "python", "python3", "perl", "ruby", "node", "pwsh" };

    [GeneratedRegex(@"(AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|glpat-[A-Za-z0-9_-]{20}|xox[abprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,}|npm_[A-Za-z0-9]{36}|-----BEGIN [A-Z ]*PRIVATE KEY-----)")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*://[^/\s:@]+:([^/\s@]+)@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlCredentials();

    /// <summary>Cheap pre-check so the token regex runs only on words that could hold a token.</summary>
    private static bool MayHoldToken(string value) =>
        value.Length >= 20 && (value.Contains("AKIA", StringComparison.Ordinal) || value.Contains('_', StringComparison.Ordinal)
            || value.Contains("glpat-", StringComparison.Ordinal) || value.Contains("xox", StringComparison.Ordinal) || value.Contains("PRIVATE KEY", StringComparison.Ordinal))
        && TokenPattern().IsMatch(value);

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
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var upper = pair.Key.ToUpperInvariant();
            var literal = !value.Contains('$', StringComparison.Ordinal);
            var sensitiveName = SensitiveNames.Contains(upper) || ContainsAnyPart(pair.Key, SecretValueParts);
            var pathLike = value.StartsWith('/') || upper.EndsWith("_FILE", StringComparison.Ordinal) || upper.EndsWith("_PATH", StringComparison.Ordinal) || upper.EndsWith("_DIR", StringComparison.Ordinal);
            if ((literal && sensitiveName && !pathLike) || MayHoldToken(value))
            {
                Report("PG1001", instruction, $"{instruction.Keyword} {pair.Key}", pair.Span);
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
            "GIT_SSL_NO_VERIFY" when v is not ("" or "0" or "false") => "GIT_SSL_NO_VERIFY",
            "PYTHONHTTPSVERIFY" when v == "0" => "PYTHONHTTPSVERIFY=0",
            "PIP_TRUSTED_HOST" when v.Length > 0 => "PIP_TRUSTED_HOST",
            "GOINSECURE" when v.Length > 0 => "GOINSECURE",
            "NPM_CONFIG_STRICT_SSL" or "YARN_STRICT_SSL" or "npm_config_strict_ssl" when v is "false" or "0" => $"{name}=false",
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
            if (MayHoldToken(instruction.ArgumentText))
            {
                Secret("a credential-shaped token", null, null);
            }

            return;
        }

        foreach (var (command, script) in commands)
        {
            foreach (var assignment in command.Assignments)
            {
                var eq = assignment.Value.IndexOf('=', StringComparison.Ordinal);
                var name = assignment.Value[..eq].ToUpperInvariant();
                var value = assignment.Value[(eq + 1)..];
                if (value.Length > 0 && IsLiteralSecret(value, hasSecretMount) && (SensitiveNames.Contains(name) || SecretValueParts.Any(p => name.Contains(p, StringComparison.OrdinalIgnoreCase))))
                {
                    Secret(name, assignment, script);
                }
            }

            var arguments = command.Arguments;
            if (!hasSecretMount && command.Name == "aws" && command.HasArgument("configure") && command.HasArgument("set")
                && command.HasAnyArgument("aws_access_key_id", "aws_secret_access_key", "aws_session_token") && arguments.Count > 3 && IsLiteralSecret(arguments[^1].Value, hasSecretMount))
            {
                Secret("aws configure set", arguments[^1], script);
            }

            for (var i = 0; i < arguments.Count; i++)
            {
                var word = arguments[i];
                var value = word.Value;
                if (MayHoldToken(value))
                {
                    Secret("a credential-shaped token", word, script);
                    continue;
                }

                if (value.Contains('@', StringComparison.Ordinal) && value.Contains("://", StringComparison.Ordinal))
                {
                    var credentials = UrlCredentials().Match(value);
                    if (credentials.Success && IsLiteralSecret(credentials.Groups[1].Value, hasSecretMount))
                    {
                        Secret("credentials in a URL", word, script);
                        continue;
                    }
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
                            Secret($"--{flag}", word, script);
                        }
                    }
                }
                else if ((value.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("PRIVATE-TOKEN:", StringComparison.OrdinalIgnoreCase))
                    && IsLiteralSecret(value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), hasSecretMount))
                {
                    Secret("an Authorization header", word, script);
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
                return command.HasFlag("nogpgcheck") || command.Arguments.Any(a => a.Value.Contains("gpgcheck=0", StringComparison.Ordinal) || a.Value.Contains("sslverify=0", StringComparison.OrdinalIgnoreCase) || a.Value.Contains("sslverify=false", StringComparison.OrdinalIgnoreCase))
                    ? $"`{command.Name} --nogpgcheck`" : null;
            case "zypper":
                return command.HasAnyFlag("no-gpg-checks", "gpg-auto-import-keys") ? "`zypper --no-gpg-checks`" : null;
            case "rpm":
                return command.HasAnyFlag("nosignature", "nodigest", "noverify", "nofiledigest") ? "`rpm --nosignature/--nodigest`" : null;
            case "yum-config-manager" or "dnf-config-manager":
                return command.Arguments.Any(a => a.Value.Contains("sslverify=0", StringComparison.OrdinalIgnoreCase) || a.Value.Contains("sslverify=false", StringComparison.OrdinalIgnoreCase))
                    ? $"`{command.Name} sslverify=false`" : null;
            case "npm" or "yarn" or "pnpm":
                if (command.Arguments.Any(a => a.Value is "--strict-ssl=false" or "--strict-ssl false"))
                {
                    return $"`{command.Name} --strict-ssl=false`";
                }

                return command.HasArgument("config") && command.HasArgument("strict-ssl") && command.HasArgument("false")
                    ? $"`{command.Name} config set strict-ssl false`" : null;
            case "git":
                return command.Arguments.Any(a => a.Value.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("http.sslVerify=false", StringComparison.OrdinalIgnoreCase))
                    || (command.HasArgument("config") && command.Arguments.Any(a => a.Value.Equals("http.sslVerify", StringComparison.OrdinalIgnoreCase)) && command.HasArgument("false"))
                    ? "`git http.sslVerify=false`" : null;
            default:
                return null;
        }
    }

    private SourceSpan SpanOfWord(ShellWord word, RunScript script)
    {
        var start = script.ToSourceOffset(word.Start);
        var end = script.ToSourceOffset(Math.Max(word.Start, word.End - 1)) + 1;
        return SourceSpanFactory(start, Math.Max(start, end));
    }
}
