using System.ComponentModel.DataAnnotations;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;
using Bourse.Sdk.Values;

namespace Bourse.Strategies;

/// <summary>Parameters of <see cref="MarketMaker"/>.</summary>
public sealed record MarketMakerConfig : IValidatableObject
{
    /// <summary>Distance between the bid and the ask, basis points of the mid.</summary>
    [Parameter("Distance between the quoted bid and ask, in basis points of the mid (half on each side)", Min = 0.1, Max = 10_000)]
    public decimal SpreadBps { get; init; } = 10m;

    /// <summary>Value of each quote when flat, quote currency.</summary>
    [Parameter("Value of the bid and of the ask when flat, in the quote currency at the mid", Min = 0)]
    public decimal QuoteNotional { get; init; } = 2_000m;

    /// <summary>Largest absolute position, quote currency at the mid.</summary>
    [Parameter("Largest long or short position, in the quote currency at the mid; sizes skew against the inventory and stop at it", Min = 0)]
    public decimal MaxPositionNotional { get; init; } = 10_000m;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SpreadBps <= 0m)
        {
            yield return new ValidationResult($"SpreadBps ({SpreadBps}) must be positive", [nameof(SpreadBps)]);
        }

        if (QuoteNotional <= 0m || MaxPositionNotional <= 0m)
        {
            yield return new ValidationResult("QuoteNotional and MaxPositionNotional must be positive", [nameof(QuoteNotional), nameof(MaxPositionNotional)]);
        }
    }
}

/// <summary>
/// A market maker, per instrument: on every bar (its close is the mid) or quote tick ((bid + ask) / 2 is the mid) it
/// cancels its working quotes and quotes a bid and an ask around the mid, skewing their sizes by its inventory.
/// </summary>
/// <remarks>
/// Prices: bid = mid × (1 − spread/2), rounded down to the tick; ask = mid × (1 + spread/2), rounded up. Sizes: with
/// q the position, Q = max position notional / mid and s = quote notional / mid (base units), and the inventory
/// ratio r = q / Q clamped to −1..1, bid size = s × (1 − r) and ask size = s × (1 + r), so a long position shrinks the
/// bid and grows the ask (and the reverse when short). Each side is also capped so a full fill keeps |q| ≤ Q (the bid
/// at Q − q, the ask at Q + q) and rounded down to the lot; a side of zero is not quoted. Quotes are GTC limit orders,
/// requoted on every update: a working quote is moved with ModifyOrder (new price and size), a side whose size fell to
/// zero is canceled, a missing side is submitted anew. A partly filled quote is canceled and requoted on the next
/// update, and a refused modification forgets the quote, so each side always has at most one unfilled order.
/// </remarks>
[Strategy("Market Maker",
    Description = "Quotes a bid and an ask around the mid with a spread in basis points, skewing the sizes against its inventory up to a maximum position.",
    RiskLevel = RiskLevel.High,
    Type = StrategyType.MarketMaking)]
public sealed class MarketMaker : Strategy<MarketMakerConfig>
{
    private readonly Dictionary<InstrumentId, Quotes> _quotes = [];

    /// <inheritdoc />
    public override void OnBar(Bar bar) => Requote(bar.Instrument, bar.Close.Value);

    /// <inheritdoc />
    public override void OnQuote(QuoteTick quote) => Requote(quote.Instrument, (quote.Bid.Value + quote.Ask.Value) / 2m);

    /// <inheritdoc />
    public override void OnOrderFilled(OrderFilled fill)
    {
        if (!fill.LeavesQuantity.IsZero)
        {
            CancelOrder(fill.OrderId);
        }

        Forget(fill);
    }

    /// <inheritdoc />
    public override void OnOrderRejected(OrderRejected rejection) => Forget(rejection);

    /// <inheritdoc />
    public override void OnOrderCommandRejected(OrderEvent rejection) => Forget(rejection);

    private void Forget(OrderEvent orderEvent)
    {
        if (_quotes.TryGetValue(orderEvent.Instrument, out var quotes))
        {
            quotes.Forget(orderEvent.OrderId);
        }
    }

    private void Requote(InstrumentId instrumentId, decimal mid)
    {
        if (mid <= 0m)
        {
            return;
        }

        if (!_quotes.TryGetValue(instrumentId, out var quotes))
        {
            quotes = new Quotes(Instruments.First(i => i.Id == instrumentId));
            _quotes[instrumentId] = quotes;
        }

        var instrument = quotes.Instrument;
        var position = Portfolio.Position(instrumentId).NetQuantity;
        var max = Config.MaxPositionNotional / mid;
        var size = Config.QuoteNotional / mid;
        var ratio = Math.Clamp(position / max, -1m, 1m);
        var bidSize = instrument.RoundDownToLot(Math.Min(size * (1m - ratio), max - position));
        var askSize = instrument.RoundDownToLot(Math.Min(size * (1m + ratio), max + position));
        var halfSpread = Config.SpreadBps / 20_000m;
        quotes.Bid = Quote(quotes.Bid, instrumentId, Side.Buy, bidSize, instrument.RoundDownToTick(mid * (1m - halfSpread)));
        quotes.Ask = Quote(quotes.Ask, instrumentId, Side.Sell, askSize, instrument.RoundUpToTick(mid * (1m + halfSpread)));
    }

    /// <summary>Moves the working quote of one side to the new terms, cancels it when the size is zero, or submits a new one.</summary>
    private ClientOrderId? Quote(ClientOrderId? working, InstrumentId instrument, Side side, decimal quantity, decimal price)
    {
        if (quantity <= 0m)
        {
            if (working is { } stale)
            {
                CancelOrder(stale);
            }

            return null;
        }

        if (working is { } id)
        {
            ModifyOrder(id, new Quantity(quantity), new Price(price));
            return id;
        }

        return SubmitOrder(OrderRequest.Limit(instrument, side, new Quantity(quantity), new Price(price)) with { Tag = "quote" });
    }

    /// <summary>The working bid and ask of one instrument.</summary>
    private sealed class Quotes(Instrument instrument)
    {
        public Instrument Instrument { get; } = instrument;

        public ClientOrderId? Bid { get; set; }

        public ClientOrderId? Ask { get; set; }

        public void Forget(ClientOrderId orderId)
        {
            if (Bid == orderId)
            {
                Bid = null;
            }

            if (Ask == orderId)
            {
                Ask = null;
            }
        }
    }
}
