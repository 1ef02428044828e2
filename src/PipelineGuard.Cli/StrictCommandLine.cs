using System.CommandLine;
using System.CommandLine.Parsing;

namespace PipelineGuard.Cli;

/// <summary>
/// Makes every verb's command line strict, in one place: a token that looks like an option but is none of the verb's is a
/// usage error (System.CommandLine would take it as a value of a many-valued argument, so <c>verify IMG --unknown</c>
/// verified an image called <c>--unknown</c>); cosign's harmless flags that PipelineGuard honours are accepted, and
/// cosign flags it cannot honour fail with a message saying so.
/// </summary>
internal static class StrictCommandLine
{
    /// <summary>The verbs that sign, where cosign's <c>--tlog-upload</c> and <c>-y/--yes</c> are accepted.</summary>
    private static readonly string[] SigningVerbs = ["sign", "sign-blob", "attest", "attest-blob"];

    /// <summary>cosign flags PipelineGuard has no equivalent for yet, with what to do instead.</summary>
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["--insecure-ignore-tlog"] = "only the verify verbs take it; signing never uploads to a transparency log, so drop the flag",
        ["--insecure-ignore-sct"] = "only the verify verbs take it (for keyless certificates); drop the flag",
        ["--rekor-url"] = "PipelineGuard does not talk to a transparency log; drop the flag",
        ["--fulcio-url"] = "keyless signing is not supported by this release; sign with --key",
        ["--oidc-issuer"] = "keyless signing is not supported by this release; sign with --key",
        ["--identity-token"] = "keyless signing is not supported by this release; sign with --key",
        ["--certificate"] = "a detached certificate file is not read; verify keyless from a Sigstore bundle (--bundle) or an image's keyless signature, with --certificate-identity and --certificate-oidc-issuer",
        ["--certificate-chain"] = "a detached certificate chain is not read; the chain comes from the trusted root (--trusted-root)",
        ["--sk"] = "hardware security keys are not supported; use a key file with --key",
        ["--slot"] = "hardware security keys are not supported; use a key file with --key",
    };

    /// <summary>Adds cosign's harmless flags to the signing verbs: <c>--tlog-upload</c> (only false can be honoured) and <c>-y/--yes</c>.</summary>
    public static void AddCosignFlags(Command command)
    {
        if (!SigningVerbs.Contains(command.Name, StringComparer.Ordinal))
        {
            return;
        }

        command.Options.Add(new Option<bool>("--tlog-upload")
        {
            Description = "cosign's flag: PipelineGuard never uploads to a transparency log, so only --tlog-upload=false is accepted.",
            DefaultValueFactory = _ => true,
        });
        command.Options.Add(new Option<bool>("--yes", "-y") { Description = "cosign's flag: skip confirmation prompts (PipelineGuard asks none)." });
    }

    /// <summary>The usage problems System.CommandLine does not report: option-like tokens taken as values, and flags that cannot be honoured.</summary>
    public static IReadOnlyList<string> Problems(ParseResult parse)
    {
        var problems = new List<string>();
        var command = parse.CommandResult;
        foreach (var argument in command.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                if (!LooksLikeOption(token.Value) || AfterDoubleDash(parse, token))
                {
                    continue;
                }

                var name = token.Value.Split('=', 2)[0];
                problems.Add(Unsupported.TryGetValue(name, out var why)
                    ? $"{name} is not supported: {why}."
                    : $"unknown option '{token.Value}' for '{command.Command.Name}'.");
            }
        }

        if (command.Command.Options.FirstOrDefault(o => o.Name == "--tlog-upload") is Option<bool> upload
            && command.GetResult(upload) is { Implicit: false }
            && command.GetValue(upload))
        {
            problems.Add("--tlog-upload=true cannot be honoured: PipelineGuard does not upload to a transparency log; pass --tlog-upload=false or leave the flag out.");
        }

        return problems;
    }

    /// <summary>A one-line usage of the verb: its name, its arguments and <c>[options]</c>.</summary>
    public static string Usage(ParseResult parse)
    {
        var arguments = parse.CommandResult.Command.Arguments
            .Select(a => a.Arity.MaximumNumberOfValues > 1 ? $"{a.Name}..." : a.Arity.MinimumNumberOfValues == 0 ? $"[{a.Name}]" : a.Name);
        return $"Usage: {string.Join(' ', [CommandPath(parse), .. arguments])} [options]";
    }

    /// <summary>The command as typed: <c>pipelineguard verify</c>.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var path = new List<string>();
        for (SymbolResult? at = parse.CommandResult; at is CommandResult c; at = c.Parent)
        {
            path.Insert(0, c.Command is RootCommand ? "pipelineguard" : c.Command.Name);
        }

        return string.Join(' ', path);
    }

    private static bool LooksLikeOption(string value) => value.Length > 1 && value[0] == '-' && !char.IsAsciiDigit(value[1]);

    private static bool AfterDoubleDash(ParseResult parse, Token token)
    {
        var seen = false;
        foreach (var t in parse.Tokens)
        {
            if (t.Type == TokenType.DoubleDash)
            {
                seen = true;
            }
            else if (ReferenceEquals(t, token))
            {
                return seen;
            }
        }

        return false;
    }
}
