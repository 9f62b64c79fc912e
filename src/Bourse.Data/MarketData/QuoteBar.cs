using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Values;

namespace Bourse.Data.MarketData;

/// <summary>Open, high, low and close of one side of a quote bar, in the quote currency.</summary>
/// <param name="Open">The side's price at the start of the period.</param>
/// <param name="High">The highest price of the side.</param>
/// <param name="Low">The lowest price of the side.</param>
/// <param name="Close">The side's price at the end of the period.</param>
public readonly record struct Ohlc(Price Open, Price High, Price Low, Price Close);

/// <summary>
/// A bar of best bid and ask prices over a period (LEAN's quote bar). A side is null when the venue published no
/// quote for it in the period.
/// </summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Period">The span the bar covers.</param>
/// <param name="OpenTime">Start of the bar, UTC.</param>
/// <param name="Bid">Bid prices, quote currency; null when there was no bid.</param>
/// <param name="LastBidSize">Size at the bid at the end of the period, base units.</param>
/// <param name="Ask">Ask prices, quote currency; null when there was no ask.</param>
/// <param name="LastAskSize">Size at the ask at the end of the period, base units.</param>
public sealed record QuoteBar(InstrumentId Instrument, BarPeriod Period, DateTime OpenTime, Ohlc? Bid, Quantity LastBidSize, Ohlc? Ask, Quantity LastAskSize)
{
    /// <summary>End of the bar, UTC: <see cref="OpenTime"/> + period; the bar is known at this time.</summary>
    public DateTime CloseTime => OpenTime + Period.Span;

    /// <summary>
    /// The closing quote as a <see cref="QuoteTick"/> at <see cref="CloseTime"/> (what a tick-fill model sees), or null
    /// when a side is missing.
    /// </summary>
    public QuoteTick? ClosingQuote() =>
        Bid is { } bid && Ask is { } ask ? new QuoteTick(Instrument, bid.Close, ask.Close, LastBidSize, LastAskSize, CloseTime) : null;
}
