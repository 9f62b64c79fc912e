using Bourse.Plugins.Compilation;
using Bourse.Testing;

namespace Bourse.Plugins.Tests;

/// <summary>Strategy sources used across the tests, and a shared compiler.</summary>
internal static class Sources
{
    public static readonly StrategyCompiler Compiler = new();

    public const string Good = """
        public sealed record CrossConfig
        {
            [Parameter("Bars in the fast average", Min = 2, Max = 200)]
            public int FastPeriod { get; init; } = 12;

            [Parameter("Bars in the slow average", Min = 3, Max = 500)]
            public int SlowPeriod { get; init; } = 26;
        }

        [Strategy("Test Cross", Description = "A test strategy.", RiskLevel = RiskLevel.Low, Type = StrategyType.Momentum, Version = "2.1.0")]
        public sealed class TestCross : Strategy<CrossConfig>
        {
            private readonly ExponentialMovingAverage _fast = new(5);

            public int Fast => Config.FastPeriod;

            public override void OnBar(Bar bar) => _fast.Update((double)bar.Close.Value);
        }
        """;

    public const string NoStrategy = """
        public sealed class NotAStrategy
        {
            public int Value => 42;
        }

        public sealed class Unmarked : Strategy
        {
        }
        """;

    public const string TwoStrategies = """
        [Strategy("First")]
        public sealed class FirstStrategy : Strategy
        {
        }

        [Strategy("Second")]
        public sealed class SecondStrategy : Strategy
        {
        }
        """;

    /// <summary>A parameter record exercising every supported type.</summary>
    public const string AllTypes = """
        namespace Sample;

        public enum Mode { Fast, Careful }

        public sealed record AllConfig
        {
            [Parameter("An int", Min = 1, Max = 10)]
            public int Count { get; set; } = 3;

            [Parameter("A long")]
            public long Big { get; set; } = 5_000_000_000;

            [Parameter("A double", Min = 0, Max = 1)]
            public double Ratio { get; set; } = 0.25;

            [Parameter("A decimal", Min = 0.01)]
            public decimal Size { get; set; } = 1.5m;

            [Parameter("A flag")]
            public bool Enabled { get; set; } = true;

            [Parameter("A label")]
            public string Label { get; set; } = "hello";

            [Parameter("A mode")]
            public Mode Mode { get; set; } = Mode.Careful;

            [Parameter("An optional cap")]
            public double? Cap { get; set; }

            [Parameter("A key the run must give", Required = true)]
            public string? ApiKey { get; set; }

            public int NoAttribute { get; set; } = 7;

            public int ReadOnly => 1;
        }

        [Strategy("All Types")]
        public sealed class AllTypesStrategy : Strategy<AllConfig>
        {
        }
        """;

    /// <summary>The sample users upload in the README walk-through.</summary>
    public static string BreakoutTrader => File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "samples", "strategies", "BreakoutTrader.cs"));

    /// <summary>Compiles a source that must compile.</summary>
    public static byte[] CompileOrFail(string source, string? assemblyName = null)
    {
        var result = Compiler.Compile(source, assemblyName);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Assembly;
    }
}
