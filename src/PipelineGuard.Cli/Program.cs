using PipelineGuard.Cli;

return await PipelineGuardCli.RunAsync(args, Console.Out, Console.Error);
