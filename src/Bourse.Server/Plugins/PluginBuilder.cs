using Bourse.Plugins;
using Bourse.Plugins.Compilation;
using Bourse.Plugins.Sandbox;
using Bourse.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bourse.Server.Plugins;

/// <summary>A built plugin (loaded in its own load context, with the assembly bytes to store), or why it was refused.</summary>
/// <param name="Plugin">The loaded plugin; null when refused.</param>
/// <param name="AssemblyBytes">The assembly to store (compiled from source, or the uploaded .dll).</param>
/// <param name="Problem">The 400 when refused, else null.</param>
public sealed record PluginBuild(StrategyPlugin? Plugin, byte[] AssemblyBytes, ValidationProblem? Problem);

/// <summary>
/// Turns an uploaded strategy into a loaded plugin: source is checked by the sandbox and compiled with Roslyn against
/// the SDK, a .dll's metadata is inspected by the sandbox; then the assembly is loaded in a collectible load context.
/// </summary>
public sealed class PluginBuilder(StrategyCompiler compiler)
{
    /// <summary>
    /// Builds C# <paramref name="source"/> (<paramref name="fileName"/> names it in messages). Refusals are 400s on
    /// <paramref name="field"/>: compile errors with <c>diagnostics</c> (line, column, message, id), sandbox findings
    /// with <c>violations</c> (symbol, rule, line, column), no strategy class.
    /// </summary>
    public PluginBuild BuildSource(string source, string fileName, string field, Guid id, CancellationToken cancellationToken)
    {
        var result = compiler.Compile(source, cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            return new PluginBuild(null, [], result.Violations.Count > 0
                ? Forbidden(fileName, field, result.Violations)
                : CompileErrors(fileName, field, result.Errors));
        }

        return BuildAssembly(result.Assembly, fileName, field, id);
    }

    /// <summary>Builds an uploaded .dll (<paramref name="assembly"/>): sandbox findings and a missing strategy class are 400s on <paramref name="field"/>.</summary>
    public static PluginBuild BuildAssembly(byte[] assembly, string fileName, string field, Guid id)
    {
        try
        {
            return new PluginBuild(StrategyPlugin.Load(assembly, $"plugin-{id:N}"), assembly, null);
        }
        catch (SandboxException e)
        {
            return new PluginBuild(null, assembly, Forbidden(fileName, field, e.Violations));
        }
        catch (PluginException e)
        {
            return new PluginBuild(null, assembly, Problems.Invalid(field, e.Message));
        }
    }

    /// <summary>400 naming every forbidden symbol with its rule and its line and column (source) or the type/method using it (binary).</summary>
    private static ValidationProblem Forbidden(string fileName, string field, IReadOnlyList<SandboxViolation> violations)
    {
        var first = violations[0];
        var where = first.Line > 0 ? $"at line {first.Line}, column {first.Column}" : $"in {first.UsedIn}";
        var more = violations.Count > 1 ? $" (and {violations.Count - 1} more)" : "";
        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [.. violations.Select(v => v.ToString())] },
            detail: $"'{fileName}' uses {first.Symbol}, which the sandbox forbids ({first.Rule}), {where}{more}.",
            title: "The strategy uses APIs the sandbox forbids.",
            extensions: new Dictionary<string, object?>
            {
                ["violations"] = violations.Select(SandboxViolationDto.From).ToList(),
            });
    }

    private static ValidationProblem CompileErrors(string fileName, string field, IReadOnlyList<CompilationDiagnostic> errors)
    {
        var lines = errors.Select(e => e.ToString()).ToArray();
        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = lines },
            detail: $"'{fileName}' does not compile: {errors.Count} error(s).",
            title: "The strategy source does not compile.",
            extensions: new Dictionary<string, object?>
            {
                ["diagnostics"] = errors.Select(e => new CompileErrorDto(e.Line, e.Column, e.Message, e.Id)).ToList(),
            });
    }
}
