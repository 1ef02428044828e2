using Cake.Core;
using PipelineGuard.Signing;

namespace Cake.PipelineGuard;

/// <summary>The password source of a Cake build: the settings, a named variable, then Core's variables, read through Cake's environment; never a prompt.</summary>
internal static class KeyPasswords
{
    public static (PasswordSource? Source, string? Error) For(ICakeContext context, PipelineGuardPrivateKeySettings settings)
    {
        if (settings.KeyPassword is not null)
        {
            return (PasswordSource.Fixed(settings.KeyPassword), null);
        }

        if (settings.KeyPasswordVariable is { } variable)
        {
            var value = context.Environment.GetEnvironmentVariable(variable);
            return value is null
                ? (null, $"the key password variable {variable} is not set")
                : (PasswordSource.Fixed(value), null);
        }

        return (new PasswordSource(context.Environment.GetEnvironmentVariable, prompt: null), null);
    }
}
