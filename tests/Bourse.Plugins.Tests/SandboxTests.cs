using Bourse.Plugins.Sandbox;
using Bourse.Testing;

namespace Bourse.Plugins.Tests;

/// <summary>The sandbox rejects every malicious strategy of Malicious/ (as source and as a compiled binary) and accepts the real ones.</summary>
public sealed class SandboxTests
{
    public static TheoryData<string, string, string> Malicious => new()
    {
        { "FileRead", "System.IO.File.ReadAllText(string)", "file system" },
        { "FileViaAlias", "System.IO.Directory", "file system" },
        { "Socket", "System.Net.Sockets.Socket.Socket(", "network" },
        { "HttpClient", "System.Net.Http.HttpClient", "network" },
        { "ProcessStart", "System.Diagnostics.Process.Start(string, string)", "process" },
        { "EnvironmentVariable", "System.Environment.GetEnvironmentVariable(string)", "environment" },
        { "EnvironmentExit", "System.Environment.Exit(int)", "environment" },
        { "TypeGetType", "System.Type.GetType(string)", "reflection" },
        { "ActivatorCreate", "System.Activator.CreateInstance<T>()", "reflection" },
        { "MethodInfoInvoke", "System.Reflection.MethodBase.Invoke(", "reflection" },
        { "DynamicInvoke", "System.Delegate.DynamicInvoke(", "reflection" },
        { "ReflectionEmit", "System.Reflection.Emit.AssemblyBuilder.DefineDynamicAssembly(", "code emission" },
        { "ExpressionCompile", "System.Linq.Expressions.Expression", "code emission" },
        { "UnsafePointer", "unsafe", "unsafe code" },
        { "UnsafeClass", "System.Runtime.CompilerServices.Unsafe.As<T>(object?)", "unsafe code" },
        { "StackAlloc", "stackalloc", "unsafe code" },
        { "FunctionPointer", "delegate*<void>", "unsafe code" },
        { "DllImport", "System.Runtime.InteropServices.DllImportAttribute", "native interop" },
        { "MarshalAlloc", "System.Runtime.InteropServices.Marshal.AllocHGlobal(int)", "native interop" },
        { "NewThread", "System.Threading.Thread.Thread(", "threads" },
        { "TaskRun", "System.Threading.Tasks.Task.Run(", "threads" },
        { "ThreadPool", "System.Threading.ThreadPool.QueueUserWorkItem(", "threads" },
        { "ParallelFor", "System.Threading.Tasks.Parallel.For(", "threads" },
        { "Plinq", "System.Linq.ParallelEnumerable.AsParallel<TSource>(", "threads" },
        { "LockStatement", "lock", "threads" },
        { "AsyncVoid", "async", "threads" },
        { "ThreadingTimer", "System.Threading.Timer.Timer(", "timers" },
        { "AssemblyLoad", "System.Reflection.Assembly.Load(byte[])", "assembly loading" },
        { "AppDomainAssemblies", "System.AppDomain.CurrentDomain", "assembly loading" },
        { "ModuleInitializer", "System.Runtime.CompilerServices.ModuleInitializerAttribute", "code run at load time" },
        { "GcCollect", "System.GC.Collect(", "garbage collector" },
        { "DynamicDispatch", "dynamic", "dynamic" },
        { "ConsoleWrite", "System.Console.WriteLine(", "console" },
        { "RegexTimeBomb", "System.Text.RegularExpressions.Regex.IsMatch(string, string)", SandboxPolicy.NotAllowlisted },
    };

    [Theory]
    [MemberData(nameof(Malicious))]
    public void A_malicious_source_is_rejected_naming_the_symbol_the_rule_and_the_line(string file, string symbol, string rule)
    {
        var source = MaliciousStrategies.Source(file);

        var result = Sources.Compiler.Compile(source);

        Assert.False(result.Succeeded);
        Assert.Null(result.Assembly);
        var line = MaliciousStrategies.MarkedLine(source);
        var found = result.Violations.FirstOrDefault(v => v.Symbol.StartsWith(symbol, StringComparison.Ordinal) && v.Rule == rule);
        Assert.True(found is not null, $"expected {symbol} ({rule}) at line {line}; found: {string.Join("; ", result.Violations)}");
        Assert.Equal(line, found.Line);
        Assert.True(found.Column >= 1);
        Assert.StartsWith($"({line},{found.Column}): {found.Symbol} is forbidden ({rule})", found.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_suite_covers_every_file_of_the_malicious_folder()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Malicious"), "*.cs").Select(Path.GetFileNameWithoutExtension).Order();

        Assert.Equal(files, Malicious.Select(row => (string)row[0]).Order());
        Assert.True(Malicious.Count >= 20);
    }

    [Fact]
    public void The_column_is_that_of_the_forbidden_call()
    {
        var source = MaliciousStrategies.Source("EnvironmentVariable");
        var line = source.Split('\n')[MaliciousStrategies.MarkedLine(source) - 1];

        var violation = Assert.Single(Sources.Compiler.Compile(source).Violations);

        Assert.Equal(line.IndexOf("Environment.", StringComparison.Ordinal) + 1, violation.Column);
    }

    public static TheoryData<string, string, string, string> Binaries => new()
    {
        { "FileRead", "System.IO.File.ReadAllText", "file system", "FileRead.OnStart" },
        { "TypeGetType", "System.Type.GetType", "reflection", "LooksUpTypes.OnStart" },
        { "TaskRun", "System.Threading.Tasks.Task.Run", "threads", "RunsInBackground.OnBar" },
        { "ThreadingTimer", "System.Threading.Timer..ctor", "timers", "OwnTimer.OnStart" },
        { "DllImport", "P/Invoke libc!system", "native interop", "CallsLibc.system" },
        { "UnsafePointer", "pointer local variable", "unsafe code", "WritesMemory.OnStart" },
        { "EnvironmentExit", "System.Environment.Exit", "environment", "KillsServer.OnBar" },
    };

    [Theory]
    [MemberData(nameof(Binaries))]
    public void A_malicious_binary_is_rejected_before_it_is_loaded_naming_the_member_and_its_user(string file, string symbol, string rule, string usedIn)
    {
        var image = MaliciousStrategies.Binary(file);

        var error = Assert.Throws<SandboxException>(() => StrategyPlugin.Load(image, "evil-" + file));

        Assert.Contains(error.Violations, v => v.Symbol == symbol && v.Rule == rule && v.UsedIn == usedIn && v.Line == 0);
        Assert.Contains(symbol, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "Evil." + file);
    }

    [Fact]
    public void A_binary_referencing_an_assembly_beyond_the_framework_and_the_sdk_is_rejected()
    {
        var helper = MaliciousStrategies.Compile("Evil.Helper", "public static class Helper { public static string Secret() => \"x\"; }");
        var image = MaliciousStrategies.Compile(
            "Evil.UsesHelper",
            "[Strategy(\"Uses Helper\")] public sealed class UsesHelper : Strategy { public override void OnStart() => Log(Helper.Secret()); }",
            false,
            Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(helper));

        var violations = AssemblyInspector.Inspect(image);

        Assert.Contains(violations, v => v.Symbol == "assembly Evil.Helper" && v.Rule == "assembly loading");
    }

    public static TheoryData<string> RealStrategies
    {
        get
        {
            var data = new TheoryData<string> { Path.Combine("samples", "strategies", "BreakoutTrader.cs") };
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.RepositoryRoot, "strategies"), "*.cs").Order(StringComparer.Ordinal))
            {
                data.Add(Path.Combine("strategies", Path.GetFileName(file)));
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(RealStrategies))]
    public void The_real_strategies_pass_the_sandbox_as_source_and_as_binaries(string path)
    {
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, path));

        var result = Sources.Compiler.Compile(source);

        // Strategies built from several files (PriceTicks.cs helpers) do not compile alone, but nothing in them is forbidden.
        Assert.Empty(result.Violations);
        if (result.Errors.Count == 0)
        {
            Assert.True(result.Succeeded);
            Assert.Empty(AssemblyInspector.Inspect(result.Assembly));
            Assert.Empty(AssemblyInspector.Inspect(MaliciousStrategies.Compile("Plain", source)));
        }
    }

    [Fact]
    public void Everyday_strategy_code_is_allowed()
    {
        const string source = """
            using System.Globalization;
            using System.Text;

            public sealed record Config
            {
                [Parameter("Window")]
                public int Window { get; init; } = 5;
            }

            [Strategy("Everyday")]
            public sealed class Everyday : Strategy<Config>
            {
                private readonly Dictionary<InstrumentId, List<decimal>> _closes = new();
                private readonly SortedSet<int> _seen = [];
                private (int Count, decimal Sum) _total;

                public override void OnBar(Bar bar)
                {
                    var closes = _closes.TryGetValue(bar.Instrument, out var list) ? list : _closes[bar.Instrument] = [];
                    closes.Add(bar.Close.Value);
                    _total = (_total.Count + 1, _total.Sum + bar.Close.Value);
                    var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{bar.Close} {Math.Round(closes.Average(), 2)}").ToString();
                    var span = closes.ToArray().AsSpan();
                    foreach (var (index, value) in closes.Select((v, i) => (i, v)).Where(p => p.v > 0m).Take(2))
                    {
                        _seen.Add(index + span.Length);
                    }

                    var label = bar.Close > bar.Open ? "up" : "down";
                    var kind = typeof(Everyday).Name + nameof(OnBar) + GetType().Name;
                    Log($"{text} {label} {kind} {DateTime.UnixEpoch:O} {TimeSpan.FromMinutes(1)} {string.Join(",", _seen)}");
                }
            }
            """;

        var result = Sources.Compiler.Compile(source);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Violations.Select(v => v.ToString()).Concat(result.Errors.Select(e => e.ToString()))));
        Assert.Equal("Everyday", StrategyPlugin.Load(result.Assembly).Metadata.Name);
    }
}
