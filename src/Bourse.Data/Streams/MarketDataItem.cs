using Bourse.Data.MarketData;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Streams;

/// <summary>The kinds of market data a backtest stream carries, in their tie-break order at equal times.</summary>
public enum MarketDataKind
{
    /// <summary>A trade bar, due at its close time.</summary>
    Bar,

    /// <summary>A quote bar, due at its close time.</summary>
    QuoteBar,

    /// <summary>A quote tick (best bid and ask).</summary>
    Quote,

    /// <summary>A trade tick.</summary>
    Trade,
}

/// <summary>
/// One element of a merged market-data stream: exactly one of <see cref="Bar"/>, <see cref="QuoteBar"/>,
/// <see cref="Quote"/> or <see cref="Trade"/> is set, as <see cref="Kind"/> says. <see cref="Time"/> is when the
/// data is known, UTC: a bar's close time, a tick's timestamp.
/// </summary>
public readonly record struct MarketDataItem
{
    private MarketDataItem(MarketDataKind kind, DateTime time, InstrumentId instrument, Bar? bar, QuoteBar? quoteBar, QuoteTick? quote, TradeTick? trade)
    {
        Kind = kind;
        Time = time;
        Instrument = instrument;
        Bar = bar;
        QuoteBar = quoteBar;
        Quote = quote;
        Trade = trade;
    }

    /// <summary>What the item holds.</summary>
    public MarketDataKind Kind { get; }

    /// <summary>When the data is known, UTC.</summary>
    public DateTime Time { get; }

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>The trade bar, when <see cref="Kind"/> is <see cref="MarketDataKind.Bar"/>.</summary>
    public Bar? Bar { get; }

    /// <summary>The quote bar, when <see cref="Kind"/> is <see cref="MarketDataKind.QuoteBar"/>.</summary>
    public QuoteBar? QuoteBar { get; }

    /// <summary>The quote tick, when <see cref="Kind"/> is <see cref="MarketDataKind.Quote"/>.</summary>
    public QuoteTick? Quote { get; }

    /// <summary>The trade tick, when <see cref="Kind"/> is <see cref="MarketDataKind.Trade"/>.</summary>
    public TradeTick? Trade { get; }

    /// <summary>A trade bar, due at its close time.</summary>
    public static MarketDataItem Of(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        return new(MarketDataKind.Bar, bar.CloseTime, bar.Instrument, bar, null, null, null);
    }

    /// <summary>A quote bar, due at its close time.</summary>
    public static MarketDataItem Of(QuoteBar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        return new(MarketDataKind.QuoteBar, bar.CloseTime, bar.Instrument, null, bar, null, null);
    }

    /// <summary>A quote tick, due at its timestamp.</summary>
    public static MarketDataItem Of(QuoteTick quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return new(MarketDataKind.Quote, quote.Timestamp, quote.Instrument, null, null, quote, null);
    }

    /// <summary>A trade tick, due at its timestamp.</summary>
    public static MarketDataItem Of(TradeTick trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        return new(MarketDataKind.Trade, trade.Timestamp, trade.Instrument, null, null, null, trade);
    }

    /// <summary>The items of a bar sequence.</summary>
    public static IEnumerable<MarketDataItem> Of(IEnumerable<Bar> bars) => bars.Select(Of);

    /// <summary>The items of a quote-bar sequence.</summary>
    public static IEnumerable<MarketDataItem> Of(IEnumerable<QuoteBar> bars) => bars.Select(Of);

    /// <summary>The items of a quote-tick sequence.</summary>
    public static IEnumerable<MarketDataItem> Of(IEnumerable<QuoteTick> quotes) => quotes.Select(Of);

    /// <summary>The items of a trade-tick sequence.</summary>
    public static IEnumerable<MarketDataItem> Of(IEnumerable<TradeTick> trades) => trades.Select(Of);

    /// <summary>The payload (the bar or tick).</summary>
    public object Payload => (object?)Bar ?? (object?)QuoteBar ?? (object?)Quote ?? Trade!;
}
