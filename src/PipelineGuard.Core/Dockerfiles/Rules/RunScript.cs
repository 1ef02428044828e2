using PipelineGuard.Dockerfiles.Shell;

namespace PipelineGuard.Dockerfiles.Rules;

/// <summary>A parsed RUN script and how its offsets map back to the file (through the instruction's arguments or a heredoc body).</summary>
internal sealed record RunScript(ShellScript Script, DockerfileInstruction Instruction, Heredoc? Heredoc, bool ExecForm)
{
    public int ToSourceOffset(int scriptOffset)
    {
        if (Heredoc is not null)
        {
            return Heredoc.BodySpan.Start + Math.Clamp(scriptOffset, 0, Heredoc.BodySpan.Length);
        }

        return ExecForm ? Instruction.ArgumentSpan.Start : Instruction.MapArgumentOffset(scriptOffset);
    }
}
