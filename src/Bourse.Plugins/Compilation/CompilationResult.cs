using System.Diagnostics.CodeAnalysis;
using Bourse.Plugins.Sandbox;

namespace Bourse.Plugins.Compilation;

/// <summary>
/// The outcome of <see cref="StrategyCompiler.Compile"/>: either the assembly bytes (<see cref="Succeeded"/>) or the
/// compiler errors and sandbox violations, in source order. Warnings are never reported.
/// </summary>
public sealed class CompilationResult
{
    private CompilationResult(byte[]? assembly, IReadOnlyList<CompilationDiagnostic> errors, IReadOnlyList<SandboxViolation> violations, string assemblyName)
    {
        Assembly = assembly;
        Errors = errors;
        Violations = violations;
        AssemblyName = assemblyName;
    }

    /// <summary>True when the source compiled within the sandbox rules; <see cref="Assembly"/> is then set, <see cref="Errors"/> and <see cref="Violations"/> empty.</summary>
    [MemberNotNullWhen(true, nameof(Assembly))]
    public bool Succeeded => Assembly is not null;

    /// <summary>The compiled assembly (a .dll image), or null when compilation failed.</summary>
    public byte[]? Assembly { get; }

    /// <summary>The simple name given to the compiled assembly.</summary>
    public string AssemblyName { get; }

    /// <summary>The compiler errors, sorted by line then column; empty on success.</summary>
    public IReadOnlyList<CompilationDiagnostic> Errors { get; }

    /// <summary>Uses of what the sandbox forbids, sorted by line then column; empty on success.</summary>
    public IReadOnlyList<SandboxViolation> Violations { get; }

    internal static CompilationResult Success(byte[] assembly, string assemblyName) => new(assembly, [], [], assemblyName);

    internal static CompilationResult Failure(IReadOnlyList<CompilationDiagnostic> errors, IReadOnlyList<SandboxViolation> violations, string assemblyName) =>
        new(null, errors, violations, assemblyName);
}
