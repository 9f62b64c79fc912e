using Bourse.Engine.Execution;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.OrderBook;

/// <summary>
/// Fills orders on the replayed order book of one instrument (<see cref="FillModelKind.OrderBook"/>), with the rules
/// of <see cref="OrderBookMatcher"/>:
/// <list type="bullet">
/// <item>Market orders, and limit orders marketable when they first meet the book, walk the other side's levels (up to
/// the limit) as taker; the fill's price is the volume-weighted average of the levels taken (the contract gives one fill
/// per order per book event). Size our fills consumed is not offered again until the venue updates that level.</item>
/// <item>Resting limit orders fill as maker at their limit, only once the estimated queue ahead of them is consumed by
/// trades, on a trade through their price, or when the other side of the book reaches their price.</item>
/// </list>
/// The run feeds it through the simulated exchange: every book message (<see cref="Apply"/>) and trade (<see cref="OnTrade"/>)
/// of the instrument, before orders are matched on that book event. Messages and trades of other instruments are ignored.
/// Deterministic: the same messages, trades and orders give the same fills. It keeps state (consumed size, queue
/// estimates), so use one instance per run.
/// </summary>
public sealed class OrderBookFillModel : IFillModel
{
    private readonly OrderBookMatcher _matcher;

    /// <summary>Creates the model for <paramref name="instrument"/>, whose book has the tick size <paramref name="tickSize"/>.</summary>
    /// <param name="instrument">The instrument whose book is replayed.</param>
    /// <param name="tickSize">Its price increment, quote currency (the book refuses prices off this grid).</param>
    /// <exception cref="ArgumentOutOfRangeException">The tick size is not positive.</exception>
    public OrderBookFillModel(InstrumentId instrument, decimal tickSize)
    {
        Instrument = instrument;
        _matcher = new OrderBookMatcher(new L2OrderBook(tickSize));
    }

    /// <summary>The instrument whose book this model follows.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>The replayed book.</summary>
    public L2OrderBook Book => _matcher.Book;

    /// <inheritdoc />
    public FillModelKind Kind => FillModelKind.OrderBook;

    /// <summary>False: the model shares each level's size among orders itself (per level, across book events).</summary>
    public bool SharesLiquidity => false;

    /// <summary>Creates the model for the only instrument of a run.</summary>
    /// <exception cref="ArgumentException">The run has no instrument or more than one.</exception>
    public static OrderBookFillModel ForSingleInstrument(IReadOnlyList<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        return instruments.Count == 1
            ? new OrderBookFillModel(instruments[0].Id, instruments[0].TickSize)
            : throw new ArgumentException($"The order-book fill model follows one instrument's book; the run has {instruments.Count} instruments.", nameof(instruments));
    }

    /// <summary>Applies a book message of <see cref="Instrument"/> (others are ignored).</summary>
    /// <exception cref="ArgumentException">A price is off the instrument's tick grid.</exception>
    public void Apply(OrderBookMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Instrument == Instrument)
        {
            _matcher.Apply(message);
        }
    }

    /// <summary>Lets a trade of <see cref="Instrument"/> consume queues ahead of resting orders (others are ignored).</summary>
    public void OnTrade(TradeTick trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        if (trade.Instrument == Instrument)
        {
            _matcher.OnTrade(trade.Price.Value, trade.Size.Value);
        }
    }

    /// <summary>Unlimited: the model caps fills by the book's levels itself.</summary>
    public decimal Liquidity(in MarketPoint point, Side side) => decimal.MaxValue;

    /// <inheritdoc />
    public bool TryFill(in MatchingOrder order, in MarketPoint point, out FillDecision fill)
    {
        fill = default;
        if (point.Kind != MarketPointKind.Book || order.LeavesQuantity <= 0m)
        {
            return false;
        }

        if (order.LimitPrice is not { } limit || order.IsFirstLook)
        {
            if (_matcher.TryTake(order.Side, order.LeavesQuantity, order.LimitPrice, out var average, out var taken))
            {
                fill = new FillDecision(average, taken, IsMaker: false);
                return true;
            }

            if (order.LimitPrice is null)
            {
                return false;
            }
        }

        if (_matcher.TryFillResting(order.Order, order.Side, order.LimitPrice!.Value, order.LeavesQuantity, out var filled))
        {
            fill = new FillDecision(order.LimitPrice.Value, filled, IsMaker: true);
            return true;
        }

        return false;
    }
}
