using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Strategies.Tests;

/// <summary>
/// Golden regression backtest of the built-in Bollinger Breakout (default parameters 20 bars, 2 standard deviations) on real SPY minute trade bars of
/// 2013-10-07..11 (5 sessions, 04:00–20:00 ET), 100,000 USD, 1 bp fee.
/// </summary>
public sealed class BollingerBreakoutGoldenTests : GoldenBacktestTests
{
    private protected override Type StrategyType => typeof(BollingerBreakout);

    private protected override GoldenStatistics Expected { get; } = new(
        Trades: 202,
        ClosedTrades: 76,
        NetPnl: 41.345356m,
        MaxDrawdown: 0.0013560922831168097075413905m,
        FinalEquity: 100_041.345356m,
        Signals: 403);

    private protected override int ExpectedBars => 4_128;

    private protected override (Instrument Instrument, IReadOnlyList<Bar> Bars) Data => GoldenBacktest.SpyWeek.Value;
}
