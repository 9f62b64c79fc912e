using System.Collections.Immutable;
using Bourse.Plugins.Compilation;
using Bourse.Sdk.Strategies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bourse.Plugins.Tests;

/// <summary>
/// The malicious strategy sources of the Malicious/ folder. Each file marks the line the sandbox must name with
/// <c>// &lt;- forbidden</c>; <see cref="Binary"/> compiles one without the sandbox, as an attacker would, to upload the bytes.
/// </summary>
internal static class MaliciousStrategies
{
    private const string Marker = "// <- forbidden";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return [.. trusted
            .Where(p => Path.GetDirectoryName(p) == framework && (Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Strategy).Assembly.Location))];
    });

    /// <summary>The source of Malicious/<paramref name="name"/>.cs.</summary>
    public static string Source(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Malicious", name + ".cs"));

    /// <summary>The 1-based line carrying the marker.</summary>
    public static int MarkedLine(string source) =>
        source.Split('\n').Select((text, i) => (text, i)).Single(l => l.text.Contains(Marker, StringComparison.Ordinal)).i + 1;

    /// <summary>Compiles a malicious source straight with Roslyn (unsafe allowed, no sandbox), like a .dll built outside Bourse.</summary>
    public static byte[] Binary(string name) => Compile("Evil." + name, Source(name), allowUnsafe: true);

    /// <summary>Compiles any source straight with Roslyn (no sandbox) against the framework, the SDK and <paramref name="extra"/>.</summary>
    public static byte[] Compile(string assemblyName, string source, bool allowUnsafe = false, params MetadataReference[] extra)
    {
        var usings = CSharpSyntaxTree.ParseText(string.Concat(StrategyCompiler.DefaultGlobalUsings.Select(ns => $"global using global::{ns};\n")));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [usings, CSharpSyntaxTree.ParseText(source)],
            References.Value.AddRange(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: allowUnsafe, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return image.ToArray();
    }
}
