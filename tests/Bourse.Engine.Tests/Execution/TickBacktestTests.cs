using Bourse.Data.Files;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Execution;
using Bourse.Engine.Runs;
using Bourse.Engine.Statistics;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Testing;

namespace Bourse.Engine.Tests.Execution;

/// <summary>Backtests on the real SPY trade ticks of 2013-10-07 (LEAN, 250 601 rows) with the tick fill model.</summary>
public class TickBacktestTests
{
    private static readonly string Day = RepositoryPaths.Shared("lean/equity/usa/tick/spy/20131007_trade.zip");

    private static readonly Lazy<IReadOnlyList<TradeTick>> Ticks = new(() => LeanTickReader.ReadTrades(Day).ToList());

    [Fact]
    public void A_market_order_fills_on_the_next_trades_at_their_prices_up_to_their_sizes()
    {
        var ticks = Ticks.Value;
        var open = ticks.First(t => t.Timestamp.TimeOfDay >= new TimeSpan(13, 30, 0)); // 09:30 New York
        var strategy = new ScriptedStrategy
        {
            OnTradeAction = (s, trade) =>
            {
                if (ReferenceEquals(trade, open))
                {
                    s.Submit(OrderRequest.Market(trade.Instrument, Side.Buy, 5_000m));
                }
            },
        };

        var report = BacktestRunner.Run(strategy, ticks, Settings(EquitySampling.Bar));

        // Independently: the ticks after the order's, each filling min(its size, what is left), at its price.
        var expected = new List<(DateTime, decimal, decimal)>();
        var left = 5_000m;
        foreach (var tick in ticks.SkipWhile(t => !ReferenceEquals(t, open)).Skip(1))
        {
            if (left == 0m)
            {
                break;
            }

            var quantity = Math.Min(tick.Size.Value, left);
            expected.Add((tick.Timestamp, tick.Price.Value, quantity));
            left -= quantity;
        }

        Assert.True(expected.Count > 1); // the order needed several trades
        Assert.Equal(expected, report.Fills.Select(f => (f.Timestamp, f.FillPrice.Value, f.FillQuantity.Value)));
        Assert.Equal(RunStatus.Completed, report.Status);
        Assert.Equal(5_000m, report.Fills.Sum(f => f.FillQuantity.Value));
        Assert.Empty(report.EquityCurve); // trades are no bar closes: no per-bar points
    }

    [Fact]
    public void Equity_sampled_per_trading_day_follows_the_trades()
    {
        var ticks = Ticks.Value;
        var strategy = new ScriptedStrategy
        {
            OnTradeAction = (s, trade) =>
            {
                if (s.Fills.Count == 0 && s.Ctx.OpenOrders.Count == 0)
                {
                    s.Submit(OrderRequest.Market(trade.Instrument, Side.Buy, 100m));
                }
            },
        };

        var report = BacktestRunner.Run(strategy, ticks, Settings(EquitySampling.TradingDay));

        // Two trading days: 10-07 up to the 16:00 close, and the evening prints that belong to 10-08.
        var evening = ticks.Last(t => t.Timestamp.TimeOfDay <= new TimeSpan(20, 0, 0));
        Assert.Equal([evening.Timestamp, ticks[^1].Timestamp], report.EquityCurve.Select(p => p.Timestamp));
        var held = report.Fills.Sum(f => f.FillQuantity.Value);
        var cash = 100_000m - report.Fills.Sum(f => f.FillQuantity.Value * f.FillPrice.Value);
        Assert.Equal(cash + (held * ticks[^1].Price.Value), report.EquityCurve[^1].Equity);
        Assert.Equal(252d, report.Statistics.Performance.PeriodsPerYear);
    }

    private static RunSettings Settings(EquitySampling sampling) =>
        new(Kit.Run, [Instrument.Equity(Ticks.Value[0].Instrument)], RiskSettings.Default, FeeBps: 0m, Execution: new ExecutionSettings(FillModelKind.Tick))
        {
            EquitySampling = sampling,
        };
}
