namespace Bourse.Server.Tests;

/// <summary>Strategy sources used by the tests (compiled by the server, or by the test into a .dll).</summary>
internal static class Strategies
{
    public static string EveryBar(string name) => $$"""
        using Bourse.Sdk.MarketData;
        using Bourse.Sdk.Signals;
        using Bourse.Sdk.Strategies;

        namespace Uploaded;

        public sealed class EveryBarConfig
        {
            [Parameter("Emit a signal every this many bars", Min = 1, Max = 100)]
            public int Every { get; set; } = 2;
        }

        [Strategy("{{name}}", Description = "Alternates buy and sell signals.", RiskLevel = RiskLevel.High, Type = StrategyType.Other, Version = "2.0.0")]
        public sealed class EveryBar : Strategy<EveryBarConfig>
        {
            private int _bars;

            public override void OnBar(Bar bar)
            {
                _bars++;
                if (_bars % Config.Every == 0)
                {
                    var type = (_bars / Config.Every) % 2 == 1 ? SignalType.Buy : SignalType.Sell;
                    EmitSignal(new Signal(bar.Instrument, type, 0.9, bar.Close));
                }
            }
        }
        """;

    public const string Throwing = """
        using Bourse.Sdk.MarketData;
        using Bourse.Sdk.Strategies;

        namespace Uploaded;

        [Strategy("Always Throws")]
        public sealed class AlwaysThrows : Strategy
        {
            public override void OnBar(Bar bar) => throw new InvalidOperationException("boom at " + bar.OpenTime.ToString("O"));
        }
        """;

    public const string DoesNotCompile = """
        using Bourse.Sdk.Strategies;

        [Strategy("Broken")]
        public sealed class Broken : Strategy
        {
            public override void OnStart()
            {
                undefinedVariable = 3;
            }
        }
        """;

    public const string NoStrategy = """
        namespace Uploaded;

        public sealed class NotAStrategy
        {
        }
        """;
}
