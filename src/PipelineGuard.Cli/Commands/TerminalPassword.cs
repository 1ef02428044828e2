using System.Text;
using PipelineGuard.Signing;

namespace PipelineGuard.Cli.Commands;

/// <summary>The password source of the tool: the variables first, then a no-echo prompt when stdin is a terminal.</summary>
internal static class TerminalPassword
{
    public static PasswordSource Source { get; } = PasswordSource.FromProcessEnvironment(Prompt);

    private static string? Prompt(string text, bool confirm)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        var first = ReadHidden(text + ": ");
        if (!confirm)
        {
            return first;
        }

        var second = ReadHidden("Enter password for private key again: ");
        if (first != second)
        {
            Console.Error.WriteLine("pipelineguard: the passwords do not match");
            return null;
        }

        return first;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }

                continue;
            }

            password.Append(key.KeyChar);
        }

        Console.Error.WriteLine();
        return password.ToString();
    }
}
