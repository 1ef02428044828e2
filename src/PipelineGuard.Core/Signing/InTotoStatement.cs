using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipelineGuard.Signing;

/// <summary>An in-toto subject: a name and its digests (algorithm to lowercase hex).</summary>
public sealed record InTotoSubject(string Name, IReadOnlyDictionary<string, string> Digest);

/// <summary>An in-toto Statement (v1 written; v0.1, which cosign writes for images, also read).</summary>
/// <param name="Subjects">What the statement is about.</param>
/// <param name="PredicateType">The predicate's type URI.</param>
/// <param name="Predicate">The predicate JSON.</param>
public sealed record InTotoStatement(IReadOnlyList<InTotoSubject> Subjects, string PredicateType, JsonNode? Predicate)
{
    /// <summary>The statement type written.</summary>
    public const string StatementV1 = "https://in-toto.io/Statement/v1";

    /// <summary>The older statement type, still read.</summary>
    public const string StatementV01 = "https://in-toto.io/Statement/v0.1";

    /// <summary>The statement JSON: <c>{"_type","subject","predicateType","predicate"}</c>, compact UTF-8.</summary>
    public byte[] ToJson()
    {
        var subjects = new JsonArray();
        foreach (var subject in Subjects)
        {
            var digest = new JsonObject();
            foreach (var (algorithm, value) in subject.Digest.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                digest[algorithm] = value;
            }

            subjects.Add((JsonNode)new JsonObject { ["name"] = subject.Name, ["digest"] = digest });
        }

        var statement = new JsonObject
        {
            ["_type"] = StatementV1,
            ["subject"] = subjects,
            ["predicateType"] = PredicateType,
            ["predicate"] = Predicate?.DeepClone() ?? new JsonObject(),
        };
        return JsonOutput.ToUtf8Bytes(statement);
    }

    /// <summary>Reads a statement; the failure names what is wrong.</summary>
    public static SigningResult<InTotoStatement> Parse(ReadOnlySpan<byte> json)
    {
        JsonNode? root;
        try
        {
            IO.Utf8Json.EnsureValid(json);
            IO.Utf8Json.EnsureNoDuplicateProperties(json);
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            return SigningResult<InTotoStatement>.Failure($"the in-toto statement is not JSON: {e.Message}");
        }

        if (root is not JsonObject statement)
        {
            return SigningResult<InTotoStatement>.Failure("the in-toto statement is not a JSON object");
        }

        var type = (statement["_type"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? statement["_type"]!.GetValue<string>() : null;
        if (type is not (StatementV1 or StatementV01))
        {
            return SigningResult<InTotoStatement>.Failure($"the in-toto statement _type is '{type}', expected '{StatementV1}'");
        }

        var predicateType = (statement["predicateType"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? statement["predicateType"]!.GetValue<string>() : null;
        if (string.IsNullOrEmpty(predicateType))
        {
            return SigningResult<InTotoStatement>.Failure("the in-toto statement has no predicateType");
        }

        if (statement["subject"] is not JsonArray subjectArray || subjectArray.Count == 0)
        {
            return SigningResult<InTotoStatement>.Failure("the in-toto statement has no subject");
        }

        var subjects = new List<InTotoSubject>();
        foreach (var node in subjectArray)
        {
            if (node is not JsonObject subject || subject["digest"] is not JsonObject digest)
            {
                return SigningResult<InTotoStatement>.Failure("an in-toto subject has no digest object");
            }

            var digests = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (algorithm, value) in digest)
            {
                if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                {
                    digests[algorithm] = v.GetValue<string>();
                }
            }

            var name = subject["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : string.Empty;
            subjects.Add(new InTotoSubject(name, digests));
        }

        return SigningResult<InTotoStatement>.Success(new InTotoStatement(subjects, predicateType, statement["predicate"]?.DeepClone()));
    }

    /// <summary>Whether some subject has sha256 <paramref name="sha256Hex"/>.</summary>
    public bool HasSubjectDigest(string sha256Hex) =>
        Subjects.Any(s => s.Digest.TryGetValue("sha256", out var d) && string.Equals(d, sha256Hex, StringComparison.OrdinalIgnoreCase));
}
