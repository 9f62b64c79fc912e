namespace Bourse.Testing.Node;

/// <summary>How a Node.js process ended: its exit code and everything it wrote on stdout and stderr (UTF-8).</summary>
/// <param name="ExitCode">The process's exit code (0 for success).</param>
/// <param name="StandardOutput">What it wrote on stdout.</param>
/// <param name="StandardError">What it wrote on stderr.</param>
public sealed record NodeResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Exit code, stdout and stderr in one text, for assertion messages.</summary>
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
