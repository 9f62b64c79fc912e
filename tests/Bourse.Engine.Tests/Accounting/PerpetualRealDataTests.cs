using Bourse.Data.Files;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Testing;

namespace Bourse.Engine.Tests.Accounting;

/// <summary>Margin, liquidation and the circuit breaker on the real FTX BTC-PERP minute bars of January 2022 (48 080 → 32 837).</summary>
public class PerpetualRealDataTests
{
    private static readonly Lazy<IReadOnlyList<Bar>> Bars = new(() =>
        CsvBarReader.Read(RepositoryPaths.Shared("nautilus/btc-perp-20211231-20220201_1m.csv"), MarginTests.BtcPerp));

    [Fact]
    public void A_long_at_twenty_times_leverage_is_liquidated_at_the_first_bar_whose_equity_is_below_maintenance()
    {
        var bars = Bars.Value;
        var sink = new RecordingSink();
        var strategy = new ScriptedStrategy
        {
            OnBarAction = (s, bar) =>
            {
                if (s.Ctx.Portfolio.Position(bar.Instrument).IsFlat && s.Ctx.OpenOrders.Count == 0 && s.Fills.Count == 0)
                {
                    var quantity = Math.Floor(s.Ctx.Portfolio.Equity.Amount * 20m * 0.9m / bar.Close.Value * 10_000m) / 10_000m;
                    s.Submit(OrderRequest.Market(bar.Instrument, Side.Buy, quantity));
                }
            },
        };
        var report = BacktestRunner.Run(strategy, bars, MarginTests.Perpetual(20m, cash: 10_000m, feeBps: 2m), sink);

        var entry = strategy.Fills[0];
        var quantity = entry.FillQuantity.Value;
        var cashAfterEntry = 10_000m - entry.Commission.Amount;
        // Independently: the first bar after the entry whose close puts equity under 0.5 % of the notional.
        var entryIndex = bars.ToList().FindIndex(b => b.CloseTime == entry.Timestamp);
        var breach = bars.Skip(entryIndex).First(b => cashAfterEntry + ((b.Close.Value - entry.FillPrice.Value) * quantity) < b.Close.Value * quantity * 0.005m);

        var call = Assert.Single(sink.Of<MarginCalled>());
        Assert.Equal(breach.CloseTime, call.Timestamp);
        Assert.Equal(breach.Close.Value * quantity * 0.005m, call.MaintenanceMargin);
        var exit = strategy.Fills[1];
        Assert.Equal(Side.Sell, exit.Side);
        Assert.Equal(bars[bars.ToList().IndexOf(breach) + 1].Open.Value, exit.FillPrice.Value);
        var realized = (exit.FillPrice.Value - entry.FillPrice.Value) * quantity;
        Assert.Equal(cashAfterEntry + realized - exit.Commission.Amount, report.EquityCurve[^1].Equity);
        Assert.Equal(2, report.Fills.Count);
    }

    [Fact]
    public void The_circuit_breaker_trips_on_the_real_moves_that_exceed_its_limit()
    {
        var bars = Bars.Value;
        var limit = new CircuitBreakerLimit(0.02m, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30));
        var settings = MarginTests.Perpetual(1m) with { Risk = new RiskSettings { CircuitBreaker = limit } };
        var sink = new RecordingSink();
        var report = BacktestRunner.Run(new ScriptedStrategy(), bars, settings, sink);

        // Independently: replay the closes with a naive window scan.
        var expected = new List<DateTime>();
        DateTime? haltedUntil = null;
        var windowStart = 0;
        for (var i = 0; i < bars.Count; i++)
        {
            var now = bars[i].CloseTime;
            if (haltedUntil is { } until)
            {
                if (now < until)
                {
                    continue;
                }

                haltedUntil = null;
                windowStart = i;
            }

            var window = new List<decimal>();
            for (var k = i; k >= windowStart && bars[k].CloseTime >= now - limit.Window; k--)
            {
                window.Add(bars[k].Close.Value);
            }

            var price = bars[i].Close.Value;
            if (price - window.Min() > window.Min() * limit.MovePct || window.Max() - price > window.Max() * limit.MovePct)
            {
                expected.Add(now);
                haltedUntil = now + limit.Cooldown;
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, sink.Of<CircuitBreakerTripped>().Select(t => t.Timestamp));
        Assert.Equal(expected.Count, report.Statistics.Risk!.CircuitBreakerTrips);
    }
}
