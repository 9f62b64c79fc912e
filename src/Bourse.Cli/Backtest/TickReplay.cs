using Bourse.Data.Streams;
using Bourse.Engine.Runs;

namespace Bourse.Cli.Backtest;

/// <summary>
/// The input of a tick backtest: the trade ticks and the bars built from them in one stream, in
/// <see cref="MarketDataMerge"/> order (a bar closing at T comes before the ticks stamped T, so the strategy sees the
/// bar when it is complete). Ticks go to <see cref="TradingRun.OnTrade"/> (and fill orders), bars to <see cref="TradingRun.OnBar"/>.
/// </summary>
internal static class TickReplay
{
    /// <summary>The merged stream of a tick request.</summary>
    /// <exception cref="ArgumentException">The request is not a tick backtest.</exception>
    public static IReadOnlyList<MarketDataItem> Items(BacktestRequest request)
    {
        var ticks = request.Ticks ?? throw new ArgumentException("Not a tick backtest.", nameof(request));
        return [.. MarketDataMerge.Merge(MarketDataItem.Of(ticks), MarketDataItem.Of(request.Bars))];
    }

    /// <summary>Hands one item to the run.</summary>
    public static void Deliver(TradingRun run, MarketDataItem item)
    {
        if (item.Kind == MarketDataKind.Bar)
        {
            run.OnBar(item.Bar!);
        }
        else
        {
            run.OnTrade(item.Trade!);
        }
    }
}
