using System.Text;
using PipelineGuard.Vulnerabilities.Versions;

namespace PipelineGuard.Core.Tests.Vulnerabilities.Versions;

/// <summary>
/// Version pairs from a fixed seed, built from small alphabets of fragments so that pairs often share a prefix and
/// differ where the rules are subtle (a tilde, a leading zero, a letter against a digit, the end of the string).
/// Half the pairs are a version and a small edit of it.
/// </summary>
internal static class VersionPairs
{
    public static List<(string A, string B)> Generate(int seed, int count, VersionScheme scheme, Func<Random, string> version)
    {
        var random = new Random(seed);
        var pairs = new List<(string, string)>(count);
        while (pairs.Count < count)
        {
            var a = version(random);
            var b = random.Next(2) == 0 ? version(random) : Edit(random, a);
            if (scheme.Validate(a) is null && scheme.Validate(b) is null)
            {
                pairs.Add((a, b));
            }
        }

        return pairs;
    }

    public static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    public static string Join(Random random, string[] fragments, int min, int max)
    {
        var builder = new StringBuilder();
        var n = random.Next(min, max + 1);
        for (var k = 0; k < n; k++)
        {
            builder.Append(Pick(random, fragments));
        }

        return builder.ToString();
    }

    // One small change: a character dropped, doubled or swapped for a neighbour of the version's own.
    private static string Edit(Random random, string a)
    {
        var i = random.Next(a.Length);
        return random.Next(4) switch
        {
            0 when a.Length > 1 => a.Remove(i, 1),
            1 => a.Insert(i, a[i].ToString()),
            2 => a.Remove(i, 1).Insert(i, a[random.Next(a.Length)].ToString()),
            _ => a + a[random.Next(a.Length)],
        };
    }
}
