using System.Diagnostics;
using System.Text;

namespace Bourse.Testing.Node;

/// <summary>Runs a Node.js tool (<c>node</c>, <c>npm</c>) found on PATH and collects its output, killing its process tree at a timeout.</summary>
internal static class NodeProcess
{
    /// <summary>The full path of <paramref name="tool"/> on PATH.</summary>
    /// <exception cref="InvalidOperationException">It is not on PATH; the message says how to install Node.js.</exception>
    public static string Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            $"'{tool}' is not on PATH: these tests need Node.js 20+ with npm (Debian: apt-get install nodejs npm; .ci/run installs them when run as root).");

    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> and waits for it.</summary>
    /// <param name="tool">A program on PATH (<c>node</c> or <c>npm</c>).</param>
    /// <param name="arguments">Its arguments, passed as they are (no shell).</param>
    /// <param name="workingDirectory">Its working directory.</param>
    /// <param name="environment">Variables added to (or replacing those of) this process's environment.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <exception cref="InvalidOperationException">The tool is not on PATH.</exception>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/>; it was killed, and the message holds its output so far.</exception>
    public static async Task<NodeResult> RunAsync(
        string tool, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Find(tool))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            var killed = new NodeResult(process.ExitCode, await output, await error);
            throw new TimeoutException(
                $"{tool} {string.Join(' ', start.ArgumentList)} (in {workingDirectory}) ran longer than {timeout} and was killed; {killed}");
        }

        return new NodeResult(process.ExitCode, await output, await error);
    }
}
