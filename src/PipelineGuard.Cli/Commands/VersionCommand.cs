using System.CommandLine;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard version</c>: the version, as cosign's verb of the same name prints it.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the version as JSON." };
        var command = new Command("version", "Print the PipelineGuard version.") { json };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine($"{{\"name\":\"{PipelineGuardInfo.ProductName}\",\"version\":\"{PipelineGuardInfo.Version}\"}}");
            }
            else
            {
                output.WriteLine($"{PipelineGuardInfo.ProductName} {PipelineGuardInfo.Version}");
            }

            return ExitCodes.Pass;
        });
        return command;
    }
}
