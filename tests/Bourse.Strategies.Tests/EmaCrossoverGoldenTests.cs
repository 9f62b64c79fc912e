using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Strategies.Tests;

/// <summary>
/// Golden regression backtest of the built-in EMA Crossover (default parameters 12/26) on real SPY minute trade bars of
/// 2013-10-07..11 (5 sessions, 04:00–20:00 ET), 100,000 USD, 1 bp fee, auto-execute at 10 % of equity per signal.
/// </summary>
public sealed class EmaCrossoverGoldenTests : GoldenBacktestTests
{
    private protected override Type StrategyType => typeof(EmaCrossover);

    private protected override GoldenStatistics Expected { get; } = new(
        Trades: 138,
        ClosedTrades: 69,
        NetPnl: -58.928660m,
        MaxDrawdown: 0.0025059549219826823688406207m,
        FinalEquity: 99_941.071340m,
        Signals: 138);

    private protected override int ExpectedBars => 4_128;

    private protected override (Instrument Instrument, IReadOnlyList<Bar> Bars) Data => GoldenBacktest.SpyWeek.Value;
}
