using Bourse.Engine.Execution;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests;

/// <summary>Feeding ticks and choosing execution settings in the order and fill-model tests.</summary>
internal static class Ticks
{
    public static RunSettings With(ExecutionSettings execution, decimal feeBps = 0m) => Kit.Settings(feeBps: feeBps) with { Execution = execution };

    /// <summary>Sets the clock to T0 + <paramref name="seconds"/> and delivers a trade.</summary>
    public static Harness Trade(this Harness h, double seconds, decimal price, decimal size, InstrumentId? instrument = null)
    {
        var trade = new TradeTick(instrument ?? Kit.Spy, price, size, null, Kit.T0.AddSeconds(seconds));
        h.Clock.SetUtcNow(trade.Timestamp);
        h.Run.OnTrade(trade);
        return h;
    }

    /// <summary>Sets the clock to T0 + <paramref name="seconds"/> and delivers a quote.</summary>
    public static Harness Quote(this Harness h, double seconds, decimal bid, decimal ask, decimal bidSize, decimal askSize, InstrumentId? instrument = null)
    {
        var quote = new QuoteTick(instrument ?? Kit.Spy, bid, ask, bidSize, askSize, Kit.T0.AddSeconds(seconds));
        h.Clock.SetUtcNow(quote.Timestamp);
        h.Run.OnQuote(quote);
        return h;
    }

    public static OrderFilled[] Fills(this Harness h, ClientOrderId? id = null) =>
        [.. h.Sink.Orders<OrderFilled>().Where(f => id is null || f.OrderId == id)];

    public static string[] Kinds(this Harness h, ClientOrderId id) =>
        [.. h.Sink.Orders<OrderEvent>().Where(e => e.OrderId == id).Select(e => e.GetType().Name)];
}
