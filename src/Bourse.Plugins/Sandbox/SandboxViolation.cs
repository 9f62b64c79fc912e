namespace Bourse.Plugins.Sandbox;

/// <summary>One use of something the sandbox forbids (see <see cref="SandboxPolicy"/>).</summary>
/// <param name="Symbol">The forbidden symbol, e.g. <c>System.IO.File.ReadAllText(string)</c>, <c>dynamic</c>, <c>unsafe</c>.</param>
/// <param name="Rule">The rule it breaks, e.g. "file system", "reflection", "not on the allowlist".</param>
/// <param name="Line">1-based line in the uploaded source; 0 for a compiled assembly.</param>
/// <param name="Column">1-based column (UTF-16 characters) in the uploaded source; 0 for a compiled assembly.</param>
/// <param name="UsedIn">For a compiled assembly, the type or method that uses it (e.g. <c>Evil.Strategy.OnBar</c>); null for source.</param>
public sealed record SandboxViolation(string Symbol, string Rule, int Line, int Column, string? UsedIn)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0
        ? $"({Line},{Column}): {Symbol} is forbidden ({Rule})"
        : $"{Symbol} is forbidden ({Rule}){(UsedIn is null ? "" : $", used in {UsedIn}")}";
}

/// <summary>An uploaded strategy uses something the sandbox forbids; <see cref="Violations"/> lists every use found.</summary>
public sealed class SandboxException : PluginException
{
    /// <summary>Creates the exception from at least one violation.</summary>
    /// <exception cref="ArgumentException"><paramref name="violations"/> is empty.</exception>
    public SandboxException(IReadOnlyList<SandboxViolation> violations)
        : base(Describe(violations))
    {
        Violations = violations;
    }

    /// <summary>Every forbidden use found, in order.</summary>
    public IReadOnlyList<SandboxViolation> Violations { get; }

    private static string Describe(IReadOnlyList<SandboxViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        return violations.Count == 0
            ? throw new ArgumentException("At least one violation is required.", nameof(violations))
            : $"The strategy uses {violations.Count} forbidden API(s): {string.Join("; ", violations.Take(10))}{(violations.Count > 10 ? "; ..." : "")}.";
    }
}
