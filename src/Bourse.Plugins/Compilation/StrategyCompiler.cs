using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Bourse.Plugins.Sandbox;
using Bourse.Sdk.Strategies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bourse.Plugins.Compilation;

/// <summary>
/// Compiles an uploaded C# strategy source file into an assembly with Roslyn. The file is compiled against the
/// running framework's assemblies (System.*, Microsoft.*, netstandard and mscorlib from the core framework folder of
/// "TRUSTED_PLATFORM_ASSEMBLIES") and Bourse.Sdk, with nullable enabled, in Release, and with global usings for
/// <see cref="DefaultGlobalUsings"/> so a strategy file needs no using directives. Thread-safe; register one
/// instance (the reference set is built once per process).
/// </summary>
public sealed class StrategyCompiler
{
    /// <summary>The namespaces imported into every compiled file.</summary>
    public static readonly IReadOnlyList<string> DefaultGlobalUsings =
    [
        "System",
        "System.Collections.Generic",
        "System.Linq",
        "Bourse.Sdk.Identifiers",
        "Bourse.Sdk.Indicators",
        "Bourse.Sdk.MarketData",
        "Bourse.Sdk.Orders",
        "Bourse.Sdk.Portfolio",
        "Bourse.Sdk.Signals",
        "Bourse.Sdk.Strategies",
        "Bourse.Sdk.Values",
    ];

    private const string SourcePath = "Strategy.cs";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    private static readonly SyntaxTree GlobalUsings = CSharpSyntaxTree.ParseText(
        string.Concat(DefaultGlobalUsings.Select(ns => $"global using global::{ns};\n")),
        ParseOptions,
        path: "GlobalUsings.g.cs",
        encoding: Encoding.UTF8);

    /// <summary>Tells the engine the assembly carries budget probes, so it arms each callback's budget where they read it.</summary>
    private static readonly SyntaxTree ProbesMarker = CSharpSyntaxTree.ParseText(
        "[assembly: global::Bourse.Sdk.Sandbox.BudgetProbes]\n",
        ParseOptions,
        path: "BudgetProbes.g.cs",
        encoding: Encoding.UTF8);

    private static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithDeterministic(true)
        .WithAllowUnsafe(false)
        .WithConcurrentBuild(false);

    /// <summary>
    /// Compiles one source file. Never throws for bad source: syntax and semantic errors come back in
    /// <see cref="CompilationResult.Errors"/> and uses of what the sandbox forbids (<see cref="SandboxPolicy"/>) in
    /// <see cref="CompilationResult.Violations"/>, both with 1-based line and column. A file that passes is compiled
    /// with the budget probes of <see cref="BudgetInstrumenter"/> injected, and marked with
    /// <see cref="Bourse.Sdk.Sandbox.BudgetProbesAttribute"/> so the engine arms the budget they read.
    /// </summary>
    /// <param name="source">The C# source text of one file.</param>
    /// <param name="assemblyName">
    /// Simple name of the output assembly; when null it is <c>Bourse.UserStrategy.</c> followed by a hash of the source,
    /// so the same source always gives byte-identical output.
    /// </param>
    /// <param name="cancellationToken">Stops a long compilation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="PluginException">The framework or SDK assemblies cannot be located (e.g. a single-file publish).</exception>
    public CompilationResult Compile(string source, string? assemblyName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        assemblyName ??= "Bourse.UserStrategy." + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source)), 0, 8);

        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, SourcePath, Encoding.UTF8, cancellationToken);
        var compilation = CSharpCompilation.Create(assemblyName, [GlobalUsings, tree], References.Value, Options);

        // The sandbox reads the file as uploaded (positions are the user's); the budget probes go in afterwards.
        var errors = Errors(compilation.GetDiagnostics(cancellationToken), tree);
        var violations = SourceInspector.Inspect(compilation, tree, cancellationToken);
        if (errors.Length > 0 || violations.Count > 0)
        {
            return CompilationResult.Failure(errors, violations, assemblyName);
        }

        var instrumented = BudgetInstrumenter.Instrument(tree, compilation.GetSemanticModel(tree));
        using var image = new MemoryStream();
        var emitted = compilation.ReplaceSyntaxTree(tree, instrumented).AddSyntaxTrees(ProbesMarker).Emit(image, cancellationToken: cancellationToken);
        return emitted.Success
            ? CompilationResult.Success(image.ToArray(), assemblyName)
            : CompilationResult.Failure(Errors(emitted.Diagnostics, instrumented), [], assemblyName);
    }

    private static CompilationDiagnostic[] Errors(IEnumerable<Diagnostic> diagnostics, SyntaxTree tree) =>
        [.. diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => ToDiagnostic(d, tree))
            .Distinct()
            .OrderBy(d => d.Line)
            .ThenBy(d => d.Column)];

    private static CompilationDiagnostic ToDiagnostic(Diagnostic diagnostic, SyntaxTree tree)
    {
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        if (diagnostic.Location.IsInSource && diagnostic.Location.SourceTree == tree)
        {
            var start = diagnostic.Location.GetLineSpan().StartLinePosition;
            return new CompilationDiagnostic(start.Line + 1, start.Character + 1, message, diagnostic.Id);
        }

        return new CompilationDiagnostic(0, 0, message, diagnostic.Id);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string
            ?? throw new PluginException("The runtime does not list its platform assemblies (TRUSTED_PLATFORM_ASSEMBLIES); source strategies cannot be compiled in this host.");

        var sdk = typeof(Strategy).Assembly.Location;
        if (string.IsNullOrEmpty(sdk))
        {
            throw new PluginException("Bourse.Sdk.dll has no file location (single-file publish?); source strategies cannot be compiled in this host.");
        }

        // Only the core framework (the folder System.Private.CoreLib comes from): not ASP.NET Core, not the host's packages.
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var references = trusted
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkFolder, StringComparison.Ordinal))
            .Where(IsFrameworkAssembly)
            .Where(path => !string.Equals(Path.GetFileName(path), Path.GetFileName(sdk), StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(sdk));
        return [.. references];
    }

    private static bool IsFrameworkAssembly(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return name.StartsWith("System.", StringComparison.Ordinal)
            || name.Equals("System", StringComparison.Ordinal)
            || (name.StartsWith("Microsoft.", StringComparison.Ordinal) && !name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            || name.Equals("netstandard", StringComparison.Ordinal)
            || name.Equals("mscorlib", StringComparison.Ordinal);
    }
}
