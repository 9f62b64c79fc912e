using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Strategies.Tests;

/// <summary>
/// Golden regression backtest of the built-in Grid Trading (default parameters: 5 lines a side, 10 bp apart, 5,000 USD per order) on real SPY minute trade bars of
/// 2013-10-07..11 (5 sessions, 04:00–20:00 ET), 100,000 USD, 1 bp fee.
/// </summary>
public sealed class GridTradingGoldenTests : GoldenBacktestTests
{
    private protected override Type StrategyType => typeof(GridTrading);

    private protected override GoldenStatistics Expected { get; } = new(
        Trades: 309,
        ClosedTrades: 152,
        NetPnl: 3_134.626182m,
        MaxDrawdown: 0.0033376863106636814467452635m,
        FinalEquity: 103_134.626182m,
        Signals: 0);

    private protected override int ExpectedBars => 4_128;

    private protected override (Instrument Instrument, IReadOnlyList<Bar> Bars) Data => GoldenBacktest.SpyWeek.Value;

    [Fact]
    public void Orders_stay_on_the_grid_and_every_fill_re_arms_the_neighbouring_line()
    {
        var (instrument, bars) = Data;
        var events = new RecordedOrderEvents();
        GoldenBacktest.Run(StrategyType, instrument, bars, events);

        var config = new GridTradingConfig();
        var reference = bars[0].Close.Value;
        var step = Math.Floor(reference * config.SpacingBps / 10_000m / instrument.TickSize) * instrument.TickSize;
        var quantity = Math.Floor(config.OrderNotional / reference);
        var submitted = events.Events.OfType<OrderSubmitted>().ToList();
        var fills = events.Events.OfType<OrderFilled>().ToList();

        Assert.Equal((2 * config.LevelsPerSide) + fills.Count, submitted.Count);
        Assert.All(submitted, s =>
        {
            var line = (s.Request.LimitPrice!.Value.Value - reference) / step;
            Assert.Equal(decimal.Truncate(line), line);
            Assert.InRange(line, -config.LevelsPerSide, config.LevelsPerSide);
            Assert.Equal(quantity, s.Request.Quantity.Value);
        });
        Assert.All(submitted.Take(2 * config.LevelsPerSide), s => Assert.Equal(s.Request.Side == Side.Buy, s.Request.LimitPrice!.Value.Value < reference));

        // Every fill re-arms the neighbouring line on the other side: after a buy on line i a sell on line i + 1,
        // after a sell on line i a buy on line i − 1 (the run publishes a bar's fills before the orders they cause).
        var limitById = submitted.ToDictionary(s => s.OrderId, s => s.Request.LimitPrice!.Value.Value);
        var expectedRearms = fills
            .Select(f => (Side: f.Side == Side.Buy ? Side.Sell : Side.Buy, Price: limitById[f.OrderId] + (f.Side == Side.Buy ? step : -step)))
            .Order();
        var rearms = submitted.Skip(2 * config.LevelsPerSide).Select(s => (s.Request.Side, Price: s.Request.LimitPrice!.Value.Value)).Order();
        Assert.Equal(expectedRearms, rearms);

        Assert.All(events.WithPosition(), p => Assert.InRange(p.Position, -config.LevelsPerSide * quantity, config.LevelsPerSide * quantity));
    }
}
