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

    /// <summary>
    /// Trades on every bar (a market order alternately buying and selling one lot), keeps one resting limit far below
    /// the market (an open order to restore), counts its bars in its saved state and logs what it loads and how many
    /// orders are open when it starts.
    /// </summary>
    public static string Recovering(string name) => $$"""
        using Bourse.Sdk.MarketData;
        using Bourse.Sdk.Orders;
        using Bourse.Sdk.Strategies;
        using Bourse.Sdk.Values;

        namespace Uploaded;

        [Strategy("{{name}}", Description = "Trades every bar and survives restarts.")]
        public sealed class Recovering : Strategy
        {
            private long _bars;
            private ClientOrderId? _resting;

            public override void OnLoad(StrategyState state)
            {
                _bars = state.GetInt64("bars") ?? 0;
                var resting = state.GetString("resting");
                _resting = resting is null ? null : new ClientOrderId(resting);
                Log($"loaded bars={_bars} keys={state.Count}");
            }

            public override void OnStart() => Log($"started open_orders={Context.OpenOrders.Count}");

            public override void OnSave(StrategyState state)
            {
                state.Set("bars", _bars);
                if (_resting is { } resting)
                {
                    state.Set("resting", resting.Value);
                }
            }

            public override void OnBar(Bar bar)
            {
                _bars++;
                Instrument? spec = null;
                foreach (var i in Instruments)
                {
                    if (i.Id == bar.Instrument)
                    {
                        spec = i;
                    }
                }

                var lot = new Quantity(spec!.LotSize >= 1m ? 1m : 0.001m);
                if (_bars % 2 == 1)
                {
                    Buy(bar.Instrument, lot);
                }
                else
                {
                    Sell(bar.Instrument, lot);
                }

                var open = false;
                foreach (var id in Context.OpenOrders)
                {
                    open |= id == _resting;
                }

                if (!open)
                {
                    _resting = SubmitOrder(OrderRequest.Limit(bar.Instrument, Side.Buy, lot, new Price(System.Math.Round(bar.Close.Value / 2m, 2))));
                }
            }
        }
        """;

    /// <summary>Buys on one evaluated bar and sells on the next, every time, with the bar's close and range as indicator values.</summary>
    public static string Flipper(string name) => $$"""
        using Bourse.Sdk.MarketData;
        using Bourse.Sdk.Signals;
        using Bourse.Sdk.Strategies;

        namespace Uploaded;

        public sealed class FlipperConfig
        {
            [Parameter("Signal strength", Min = 0.0, Max = 1.0)]
            public double Strength { get; set; } = 0.9;
        }

        [Strategy("{{name}}", Description = "Buys and sells on alternate bars.", RiskLevel = RiskLevel.High, Type = StrategyType.Other)]
        public sealed class Flipper : Strategy<FlipperConfig>
        {
            private int _bars;

            public override void OnBar(Bar bar)
            {
                _bars++;
                var type = _bars % 2 == 1 ? SignalType.Buy : SignalType.Sell;
                EmitSignal(new Signal(bar.Instrument, type, Config.Strength, bar.Close)
                    .WithIndicator("close", (double)bar.Close.Value)
                    .WithIndicator("minutes", (bar.CloseTime - bar.OpenTime).TotalMinutes));
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
