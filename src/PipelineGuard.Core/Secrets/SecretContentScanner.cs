using System.Text;
using System.Text.RegularExpressions;

namespace PipelineGuard.Secrets;

/// <summary>
/// Scans one file's bytes: the sensitive-file rules (by name, confirmed by content), then, for text, every value format
/// and sensitive assignment of <see cref="SecretPatterns"/>. Text is read as Latin-1, so offsets are byte offsets and
/// a secret's fingerprint is the SHA-256 of its bytes in the file. Binary content (a NUL in the first 8000 bytes) gets
/// only the name rules. Inline allow comments (<c>pipelineguard ignore=PG4030</c>) on the line of a secret or the line
/// above it let it pass.
/// </summary>
public static partial class SecretContentScanner
{
    private const int BinarySniff = 8000;

    private static readonly string[] SshKeyNames = ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"];

    /// <summary>Whether <paramref name="content"/> looks binary (a NUL byte in its first 8000 bytes, as git decides).</summary>
    public static bool IsBinary(ReadOnlySpan<byte> content) => content[..Math.Min(content.Length, BinarySniff)].IndexOf((byte)0) >= 0;

    /// <summary>
    /// The secrets in the file <paramref name="path"/> (a <c>/</c>-separated path, used for the name rules and in the
    /// findings) with <paramref name="content"/>. Inline-allowed findings go to <paramref name="allowed"/>.
    /// </summary>
    public static List<SecretFinding> Scan(string path, ReadOnlySpan<byte> content, List<AllowedSecret>? allowed = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var findings = new List<SecretFinding>();
        var name = path[(path.LastIndexOf('/') + 1)..];
        var binary = IsBinary(content);
        if (binary)
        {
            ScanBinaryByName(path, name, content, findings);
            return findings;
        }

        var text = Encoding.Latin1.GetString(content);
        var spans = new List<SecretMatch>();
        FileRules(path, name, text, spans);
        foreach (var match in SecretPatterns.FindAll(text))
        {
            if (!spans.Exists(s => match.Start < s.Start + Math.Max(s.Length, 1) && s.Start < match.Start + match.Length))
            {
                spans.Add(match);
            }
        }

        if (spans.Count == 0)
        {
            return findings;
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var lines = new LineIndex(text);
        foreach (var match in spans)
        {
            var (line, column) = lines.At(match.Start);
            var secret = text.AsSpan(match.Start, match.Length);
            var finding = new SecretFinding(match.RuleId, match.Kind, path, line, column, SecretRedaction.Preview(secret), SecretRedaction.Fingerprint(content.Slice(match.Start, match.Length)));
            if (InlineAllow(text, lines, line, match.RuleId) is { } reason)
            {
                allowed?.Add(new AllowedSecret(finding, reason));
            }
            else
            {
                findings.Add(finding);
            }
        }

        return findings;
    }

    /// <summary>The secrets in one text value that is not a file (an image's <c>Env</c> entry, a label, a history line), reported at <paramref name="path"/>.</summary>
    public static List<SecretFinding> ScanValue(string path, string value)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var text = Encoding.Latin1.GetString(bytes);
        var found = new List<SecretFinding>();
        var matches = SecretPatterns.FindAll(text);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (matches.Count == 0 && eq > 0 && !text.AsSpan(0, eq).ContainsAny(' ', '\t') && SecretPatterns.FindInAssignment(text[..eq], text[(eq + 1)..]) is { } assigned)
        {
            matches.Add(assigned with { Start = assigned.Start + eq + 1 });
        }

        foreach (var match in matches)
        {
            var secret = text.AsSpan(match.Start, match.Length);
            found.Add(new SecretFinding(match.RuleId, match.Kind, path, 1, match.Start + 1, SecretRedaction.Preview(secret), SecretRedaction.Fingerprint(bytes.AsSpan(match.Start, match.Length))));
        }

        return found;
    }

    private static void ScanBinaryByName(string path, string name, ReadOnlySpan<byte> content, List<SecretFinding> findings)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        string? rule = null;
        string? kind = null;
        if (extension is ".pfx" or ".p12" && content.Length > 4 && content[0] == 0x30)
        {
            (rule, kind) = (SecretRuleCatalog.Pkcs12File, "PKCS#12 file");
        }
        else if (extension == ".snk" && content.Length >= 12 && content[0] == 0x07 && content.Slice(8, 4).SequenceEqual("RSA2"u8))
        {
            (rule, kind) = (SecretRuleCatalog.StrongNameKey, "strong-name key pair");
        }

        if (rule is not null)
        {
            findings.Add(new SecretFinding(rule, kind!, path, 1, 1, "(binary)" + SecretRedaction.Mask, SecretRedaction.Fingerprint(content)));
        }
    }

    /// <summary>The sensitive-file rules for a text file: each adds the span of its secret (the whole file when it has no single one).</summary>
    private static void FileRules(string path, string name, string text, List<SecretMatch> spans)
    {
        var lower = name.ToLowerInvariant();
        void Whole(string rule, string kind) => spans.Add(new SecretMatch(rule, kind, 0, text.Length, string.Empty));
        void Each(Regex pattern, string rule, string kind)
        {
            foreach (Match m in pattern.Matches(text))
            {
                var value = m.Groups["s"];
                if (!IsReference(value.Value))
                {
                    spans.Add(new SecretMatch(rule, kind, value.Index, value.Length, string.Empty));
                }
            }
        }

        if (IsDotEnv(lower) && DotEnvAssignment().IsMatch(text))
        {
            Whole(SecretRuleCatalog.DotEnvFile, ".env file");
        }
        else if (Array.IndexOf(SshKeyNames, name) >= 0 && text.Length > 0)
        {
            Whole(SecretRuleCatalog.SshKeyFile, "SSH private key file");
        }
        else if (lower == ".npmrc")
        {
            Each(NpmrcAuth(), SecretRuleCatalog.NpmrcAuth, ".npmrc credential");
        }
        else if (lower == ".pypirc")
        {
            Each(PypircPassword(), SecretRuleCatalog.PypircPassword, ".pypirc password");
        }
        else if (lower == ".git-credentials")
        {
            Each(GitCredential(), SecretRuleCatalog.GitCredentials, "stored git credential");
        }
        else if (lower == "config.json" && (path.EndsWith(".docker/config.json", StringComparison.Ordinal) || path == "config.json") && text.Contains("\"auths\"", StringComparison.Ordinal))
        {
            Each(DockerAuth(), SecretRuleCatalog.DockerConfigAuth, "registry credential");
        }
        else if (lower == "secrets.json" && JsonStringValue().IsMatch(text))
        {
            Whole(SecretRuleCatalog.UserSecretsFile, "user-secrets file");
        }
        else if (lower.EndsWith(".publishsettings", StringComparison.Ordinal) || lower.EndsWith(".pubxml.user", StringComparison.Ordinal) || lower.EndsWith(".pubxml", StringComparison.Ordinal))
        {
            Each(PublishPassword(), SecretRuleCatalog.PublishSettings, "publish password");
        }
        else if (lower.StartsWith("appsettings", StringComparison.Ordinal) && lower.EndsWith(".json", StringComparison.Ordinal))
        {
            Each(ConnectionStringPassword(), SecretRuleCatalog.AppSettingsConnectionString, "connection-string password");
        }
        else if (lower.EndsWith(".pfx", StringComparison.Ordinal) || lower.EndsWith(".p12", StringComparison.Ordinal))
        {
            // A PEM-armoured PKCS#12 is rare; its key is found by the private-key format. A base64 one is still the file.
            if (text.Length > 0)
            {
                Whole(SecretRuleCatalog.Pkcs12File, "PKCS#12 file");
            }
        }
    }

    /// <summary><c>.env</c>, <c>.env.production</c>, <c>prod.env</c>; not the samples (<c>.env.example</c>, <c>.env.sample</c>, <c>.env.template</c>, <c>.env.dist</c>).</summary>
    private static bool IsDotEnv(string lower) =>
        (lower == ".env" || lower.StartsWith(".env.", StringComparison.Ordinal) || lower.EndsWith(".env", StringComparison.Ordinal))
        && !(lower.EndsWith(".example", StringComparison.Ordinal) || lower.EndsWith(".sample", StringComparison.Ordinal) || lower.EndsWith(".template", StringComparison.Ordinal)
            || lower.EndsWith(".dist", StringComparison.Ordinal) || lower.EndsWith(".defaults", StringComparison.Ordinal));

    private static bool IsReference(string value) => value.Length == 0 || value.Contains('$', StringComparison.Ordinal) || value.StartsWith("{{", StringComparison.Ordinal);

    /// <summary>The reason of an inline allow comment for <paramref name="ruleId"/> on <paramref name="line"/> or the line above, or null.</summary>
    private static string? InlineAllow(string text, LineIndex lines, int line, string ruleId)
    {
        for (var l = line; l >= Math.Max(1, line - 1); l--)
        {
            var content = lines.Text(text, l);
            var at = content.IndexOf("pipelineguard ignore=", StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }

            var list = content[(at + "pipelineguard ignore=".Length)..];
            var end = list.IndexOfAny(' ', '\t', '\r');
            list = end < 0 ? list : list[..end];
            foreach (var listed in list.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // The end of an XML or block comment may follow the list without a space (ignore=PG4030-->).
                var item = listed.TrimEnd('-', '>', '*', '/');
                var rule = Findings.RuleRegistry.Find(item);
                if (rule is not null && string.Equals(rule.Id, ruleId, StringComparison.Ordinal))
                {
                    return $"inline `pipelineguard ignore={item}` on line {l}";
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.]*[ \t]*=[ \t]*\S", RegexOptions.Multiline, 1000)]
    private static partial Regex DotEnvAssignment();

    [GeneratedRegex(@"(?:_authToken|_auth|_password)[ \t]*=[ \t]*""?(?<s>[^\s""]+)", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex NpmrcAuth();

    [GeneratedRegex(@"^[ \t]*password[ \t]*[=:][ \t]*(?<s>\S+)", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex PypircPassword();

    [GeneratedRegex(@"^[ \t]*[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:(?<s>[^@\s]+)@", RegexOptions.Multiline | RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex GitCredential();

    [GeneratedRegex(@"""(?:auth|identitytoken|password)""\s*:\s*""(?<s>[^""]+)""", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex DockerAuth();

    [GeneratedRegex(@"""[^""]+""\s*:\s*""[^""]+""", RegexOptions.None, 1000)]
    private static partial Regex JsonStringValue();

    [GeneratedRegex(@"(?:userPWD=""(?<s>[^""]+)""|<(?:Password|EncryptedPassword)>(?<s>[^<]+)</)", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex PublishPassword();

    [GeneratedRegex(@"(?:^|[;""])\s*(?:Password|Pwd)\s*=\s*(?<s>[^;""]+)", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex ConnectionStringPassword();

    /// <summary>Line starts of a text, for 1-based line and column of an offset.</summary>
    private sealed class LineIndex
    {
        private readonly List<int> _starts = [0];

        public LineIndex(string text)
        {
            for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
            {
                _starts.Add(i + 1);
            }
        }

        public (int Line, int Column) At(int offset)
        {
            var index = _starts.BinarySearch(offset);
            var line = index >= 0 ? index : ~index - 1;
            return (line + 1, offset - _starts[line] + 1);
        }

        public ReadOnlySpan<char> Text(string text, int line)
        {
            var start = _starts[line - 1];
            var end = line < _starts.Count ? _starts[line] - 1 : text.Length;
            return text.AsSpan(start, end - start);
        }
    }
}
