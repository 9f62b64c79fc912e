using Bourse.Plugins.Compilation;

namespace Bourse.Plugins.Tests;

public sealed class CompilerTests
{
    [Fact]
    public void Good_source_compiles_to_an_assembly_without_using_directives()
    {
        var result = Sources.Compiler.Compile(Sources.Good);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Empty(result.Errors);
        Assert.True(result.Assembly.Length > 512);
        Assert.Equal((byte)'M', result.Assembly[0]);
        Assert.Equal((byte)'Z', result.Assembly[1]);
        Assert.StartsWith("Bourse.UserStrategy.", result.AssemblyName, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_source_gives_byte_identical_output()
    {
        var first = Sources.Compiler.Compile(Sources.Good);
        var second = Sources.Compiler.Compile(Sources.Good);

        Assert.Equal(first.AssemblyName, second.AssemblyName);
        Assert.Equal(first.Assembly, second.Assembly);
    }

    [Fact]
    public void Errors_carry_one_based_line_and_column_and_id()
    {
        const string source = """
            [Strategy("Broken")]
            public sealed class Broken : Strategy
            {
                public override void OnBar(Bar bar)
                {
                    var x = undefinedName;
                }
            }
            """;

        var result = Sources.Compiler.Compile(source);

        Assert.False(result.Succeeded);
        Assert.Null(result.Assembly);
        var error = Assert.Single(result.Errors);
        Assert.Equal(6, error.Line);
        Assert.Equal(17, error.Column);
        Assert.Equal("CS0103", error.Id);
        Assert.Contains("undefinedName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_errors_are_reported_in_source_order()
    {
        const string source = "[Strategy(\"S\")]\npublic sealed class S : Strategy\n{\n    public override void OnStart() { int a = ; }\n    public int B => \"text\";\n}\n";

        var result = Sources.Compiler.Compile(source);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Line == 4 && e.Id == "CS1525");
        Assert.Contains(result.Errors, e => e.Line == 5 && e.Id == "CS0029");
        Assert.Equal(result.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column), result.Errors);
    }

    [Fact]
    public void Warnings_are_not_reported_and_do_not_fail()
    {
        const string source = """
            [Strategy("Warns")]
            public sealed class Warns : Strategy
            {
                public override void OnStart()
                {
                    string? maybe = null;
                    var length = maybe.Length;
                    int unused;
                }
            }
            """;

        var result = Sources.Compiler.Compile(source);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void Nullable_is_enabled()
    {
        // With nullable annotations enabled the compiler records them in Nullable(Context)Attribute metadata;
        // with nullable disabled, 'string?' would only give warning CS8632 and no such metadata.
        var bytes = Sources.CompileOrFail("public sealed class Holder { public string? Name { get; set; } public string Other { get; set; } = \"\"; }");

        var text = System.Text.Encoding.ASCII.GetString(bytes);
        Assert.Contains("NullableContextAttribute", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Framework_assemblies_beyond_corelib_are_referenced()
    {
        // SortedSet lives in System.Collections.dll, Enumerable in System.Linq.dll, ValidationResult in System.ComponentModel.Annotations.dll.
        const string source = """
            using System.ComponentModel.DataAnnotations;

            public static class Uses
            {
                public static int Distinct(int[] x) => new SortedSet<int>(x).Count;

                public static int Sum(int[] x) => x.Sum();

                public static ValidationResult Invalid(string why) => new(why);
            }
            """;

        Sources.CompileOrFail(source);
    }

    [Fact]
    public void The_compiler_itself_is_not_referenced()
    {
        var result = Sources.Compiler.Compile("public static class X { public static object C() => Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(\"x\"); }");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Id is "CS0234" or "CS0246");
    }

    [Fact]
    public void An_explicit_assembly_name_is_used()
    {
        var result = Sources.Compiler.Compile(Sources.Good, "MyUpload");

        Assert.Equal("MyUpload", result.AssemblyName);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Diagnostic_text_is_readable()
    {
        Assert.Equal("(6,17): error CS0103: bad", new CompilationDiagnostic(6, 17, "bad", "CS0103").ToString());
    }
}
