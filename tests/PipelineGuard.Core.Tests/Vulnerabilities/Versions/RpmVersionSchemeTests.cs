using System.Text;
using PipelineGuard.Testing;
using PipelineGuard.Vulnerabilities.Versions;
using Xunit;

namespace PipelineGuard.Core.Tests.Vulnerabilities.Versions;

public class RpmVersionSchemeTests
{
    private static readonly string[] Fragments = ["0", "1", "2", "9", "10", "01", "007", "a", "b", "Z", "rc", "el", ".", ".", "_", "+", "~", "~", "^", "^"];

    private static string Version(Random random)
    {
        var builder = new StringBuilder();
        if (random.Next(5) == 0)
        {
            builder.Append(random.Next(3)).Append(':');
        }

        builder.Append(VersionPairs.Pick(random, ["0", "1", "2", "10", "a"]));
        builder.Append(VersionPairs.Join(random, Fragments, 0, 5));
        if (random.Next(2) == 0)
        {
            builder.Append('-').Append(VersionPairs.Pick(random, ["1", "2", "0", "a"])).Append(VersionPairs.Join(random, Fragments, 0, 3));
        }

        return builder.ToString();
    }

    [Fact]
    public async Task Agrees_with_rpm_vercmp_on_generated_pairs()
    {
        var rpm = ProcessRunner.Require("rpm", "install the Debian package rpm");
        var pairs = VersionPairs.Generate(seed: 18, count: 5000, RpmVersionScheme.Instance, Version);

        // One rpm process: a Lua script (rpm's embedded interpreter) prints rpm.vercmp for every pair.
        var lua = new StringBuilder("local pairs = {\n");
        foreach (var (a, b) in pairs)
        {
            lua.Append("{[==[").Append(a).Append("]==],[==[").Append(b).Append("]==]},\n");
        }

        lua.Append("}\nlocal out = {}\nfor i, p in ipairs(pairs) do out[i] = tostring(rpm.vercmp(p[1], p[2])) end\nio.write(table.concat(out, '\\n'), '\\n')\n");
        var directory = Directory.CreateTempSubdirectory("rpmvercmp-");
        try
        {
            var script = Path.Combine(directory.FullName, "pairs.lua");
            await File.WriteAllTextAsync(script, lua.ToString());
            var result = await ProcessRunner.RunAsync(rpm, ["--eval", $"%{{lua: dofile(\"{script}\")}}"]);
            Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, result.ToString());
            var answers = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(pairs.Count, answers.Length);
            var disagreements = pairs.Zip(answers)
                .Where(p => Math.Sign(RpmVersionScheme.Instance.Compare(p.First.A, p.First.B)) != int.Parse(p.Second, System.Globalization.CultureInfo.InvariantCulture))
                .Select(p => $"{p.First.A} vs {p.First.B}: rpm says {p.Second}")
                .ToList();
            Assert.True(disagreements.Count == 0, string.Join('\n', disagreements.Take(20)));
            Assert.Contains(answers, a => a == "0");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1.0^git1", "1.0", 1)]
    [InlineData("1.0^git1", "1.0.1", -1)]
    [InlineData("1:1.0", "2.0", 1)]
    [InlineData("1.0a", "1.0.1", -1)]
    [InlineData("1.010", "1.9", 1)]
    [InlineData("3.0.7-27.el9", "3.0.7-28.el9", -1)]
    [InlineData("1.0_1", "1.0.1", 0)]
    public void Orders_known_cases(string a, string b, int expected)
        => Assert.Equal(expected, Math.Sign(RpmVersionScheme.Instance.Compare(a, b)));

    [Theory]
    [InlineData("")]
    [InlineData("x:1.0")]
    [InlineData("1.0-")]
    [InlineData("1.0 2")]
    public void Rejects_what_is_not_a_version(string version) => Assert.NotNull(RpmVersionScheme.Instance.Validate(version));
}
