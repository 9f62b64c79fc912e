namespace Bourse.Plugins.Compilation;

/// <summary>One compiler error in an uploaded source file.</summary>
/// <param name="Line">1-based line in the uploaded source; 0 when the error has no source location (e.g. a missing reference).</param>
/// <param name="Column">1-based column (in UTF-16 characters) in the uploaded source; 0 when there is no source location.</param>
/// <param name="Message">The compiler's message, e.g. "The name 'x' does not exist in the current context".</param>
/// <param name="Id">The compiler's diagnostic id, e.g. "CS0103".</param>
public sealed record CompilationDiagnostic(int Line, int Column, string Message, string Id)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"({Line},{Column}): error {Id}: {Message}" : $"error {Id}: {Message}";
}
