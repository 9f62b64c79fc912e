using System.Diagnostics.CodeAnalysis;

namespace Bourse.Plugins.Compilation;

/// <summary>
/// The outcome of <see cref="StrategyCompiler.Compile"/>: either the assembly bytes (<see cref="Succeeded"/>) or the
/// errors, in source order. Warnings are never reported.
/// </summary>
public sealed class CompilationResult
{
    private CompilationResult(byte[]? assembly, IReadOnlyList<CompilationDiagnostic> errors, string assemblyName)
    {
        Assembly = assembly;
        Errors = errors;
        AssemblyName = assemblyName;
    }

    /// <summary>True when the source compiled; <see cref="Assembly"/> is then set and <see cref="Errors"/> empty.</summary>
    [MemberNotNullWhen(true, nameof(Assembly))]
    public bool Succeeded => Assembly is not null;

    /// <summary>The compiled assembly (a .dll image), or null when compilation failed.</summary>
    public byte[]? Assembly { get; }

    /// <summary>The simple name given to the compiled assembly.</summary>
    public string AssemblyName { get; }

    /// <summary>The compiler errors, sorted by line then column; empty on success.</summary>
    public IReadOnlyList<CompilationDiagnostic> Errors { get; }

    internal static CompilationResult Success(byte[] assembly, string assemblyName) => new(assembly, [], assemblyName);

    internal static CompilationResult Failure(IReadOnlyList<CompilationDiagnostic> errors, string assemblyName) => new(null, errors, assemblyName);
}
