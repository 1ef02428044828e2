using System.Diagnostics;

namespace PipelineGuard.Testing;

/// <summary>
/// A named pipe (FIFO) where a file is expected. A reader that opens it waits for a writer; so that such a reader
/// fails its test instead of hanging it, a writer arrives once the code under test has returned, or after a long
/// grace period, and writes <c>content</c>: code that read the FIFO then sees valid content where it should have
/// refused the path.
/// </summary>
public static class Fifo
{
    /// <summary>Makes a FIFO at <paramref name="path"/> (with mkfifo).</summary>
    public static void Create(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed: {process.StandardError.ReadToEnd()}");
        }
    }

    /// <summary>Runs <paramref name="run"/> with a FIFO at <paramref name="path"/> that receives <paramref name="content"/> if anything waits on it.</summary>
    public static async Task<T> RunAsync<T>(string path, string content, Func<Task<T>> run)
    {
        Create(path);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            await Task.WhenAny(finished.Task, Task.Delay(TimeSpan.FromSeconds(60)));
            await File.WriteAllTextAsync(path, content);
        });
        T result;
        try
        {
            result = await Task.Run(run);
        }
        finally
        {
            finished.TrySetResult();
        }

        // Drain the writer if nothing read the FIFO, so that no thread is left blocked on it.
        if (!writer.IsCompleted)
        {
            using var drain = new FileStream(path, FileMode.Open, FileAccess.Read);
            await drain.CopyToAsync(Stream.Null);
        }

        await writer;
        return result;
    }
}
