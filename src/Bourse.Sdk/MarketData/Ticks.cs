using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Sdk.MarketData;

/// <summary>One trade printed by a venue.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Price">Trade price in quote currency.</param>
/// <param name="Size">Traded quantity in base units.</param>
/// <param name="Aggressor">The side that took liquidity, when the venue reports it.</param>
/// <param name="Timestamp">Time of the trade, UTC.</param>
public sealed record TradeTick(InstrumentId Instrument, Price Price, Quantity Size, Side? Aggressor, DateTime Timestamp);

/// <summary>The best bid and ask at an instant.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Bid">Best bid price, quote currency.</param>
/// <param name="Ask">Best ask price, quote currency.</param>
/// <param name="BidSize">Size at the best bid, base units.</param>
/// <param name="AskSize">Size at the best ask, base units.</param>
/// <param name="Timestamp">Time of the quote, UTC.</param>
public sealed record QuoteTick(InstrumentId Instrument, Price Bid, Price Ask, Quantity BidSize, Quantity AskSize, DateTime Timestamp)
{
    /// <summary>(bid + ask) / 2.</summary>
    public Price Mid => (Bid.Value + Ask.Value) / 2m;
}
