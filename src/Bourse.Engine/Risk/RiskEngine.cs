using Bourse.Engine.Accounting;
using Bourse.Engine.Orders;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Risk;

/// <summary>
/// Pre-trade checks run before every order (strategy and signal orders alike). Returns the reason of the first failed
/// check, naming the limit and the value, or null when the order may go to the venue; each denial is counted by
/// <see cref="RiskCheck"/>. The checks, in order (all limits of <see cref="RiskSettings"/> are off when null):
/// <list type="number">
/// <item>malformed request; unknown instrument;</item>
/// <item>trading state: Halted denies everything; Reducing denies orders that do not reduce the position without
/// reversing it (a reduce-only order against the position always reduces: the venue clips its fills);</item>
/// <item>the instrument's circuit breaker;</item>
/// <item>tick size and lot size (when enforced): the limit and trigger prices multiples of the tick, the quantity a
/// multiple of the lot;</item>
/// <item>a reference price (the limit price, else the trigger price, else the last price) and a rate from the quote
/// currency into the account currency;</item>
/// <item>price band: |price − last| ≤ last × band for the limit and the trigger price;</item>
/// <item>order rate throttle; max open (working) orders;</item>
/// <item>max order quantity; max order notional (quantity × reference price × rate);</item>
/// <item>only for orders that increase |position| (never reduce-only ones): max positions (when the order opens one), max position quantity
/// (|resulting net quantity|), max position notional (|resulting| × reference price × rate), and for margined
/// instruments buying power: the added notional / leverage must not exceed equity − initial margin used.</item>
/// </list>
/// Working orders are not counted towards position or margin limits. Money in the account currency.
/// </summary>
internal sealed class RiskEngine(
    RiskSettings settings,
    InstrumentCatalog instruments,
    PaperAccount account,
    RunTradingState state,
    CircuitBreakers breakers,
    RiskCounters counters)
{
    private readonly OrderThrottle _throttle = new(settings.OrderRate);

    /// <summary>Checks an order at <paramref name="now"/>; an order that passes counts towards the throttle.</summary>
    public string? Check(OrderRequest request, DateTime now, IReadOnlyList<Order> working)
    {
        var reason = Evaluate(request, now, working, out var check);
        if (reason is null)
        {
            _throttle.Record(now);
        }
        else
        {
            counters.Denied(check);
        }

        return reason;
    }

    private static bool OnGrid(decimal value, decimal step) => step <= 0m || value % step == 0m;

    private string? Evaluate(OrderRequest request, DateTime now, IReadOnlyList<Order> working, out RiskCheck check)
    {
        var id = request.Instrument;
        check = RiskCheck.Malformed;
        if (request.Problem() is { } problem)
        {
            return $"malformed order: {problem}";
        }

        check = RiskCheck.UnknownInstrument;
        if (!instruments.TryGet(id, out var instrument))
        {
            return $"unknown instrument {id}: the run trades {string.Join(", ", instruments.All.Select(i => i.Id))}";
        }

        var quantity = request.Quantity.Value;
        var net = account.NetQuantity(id);
        var resulting = net + (request.Side.Sign() * quantity);
        check = RiskCheck.TradingState;
        if (StateDenial(id, net, resulting, request) is { } stateDenial)
        {
            return stateDenial;
        }

        check = RiskCheck.CircuitBreaker;
        if (breakers.Halt(id, now) is { } halt)
        {
            return halt;
        }

        if (settings.EnforceTickAndLot)
        {
            check = RiskCheck.TickSize;
            if (request.LimitPrice is { } limitPrice && !OnGrid(limitPrice.Value, instrument.TickSize))
            {
                return $"limit price {Invariant.Num(limitPrice.Value)} is not on the tick grid of {id} (tick size {Invariant.Num(instrument.TickSize)})";
            }

            if (request.TriggerPrice is { } triggerPrice && !OnGrid(triggerPrice.Value, instrument.TickSize))
            {
                return $"trigger price {Invariant.Num(triggerPrice.Value)} is not on the tick grid of {id} (tick size {Invariant.Num(instrument.TickSize)})";
            }

            check = RiskCheck.LotSize;
            if (!OnGrid(quantity, instrument.LotSize))
            {
                return $"quantity {Invariant.Num(quantity)} is not a multiple of the lot size {Invariant.Num(instrument.LotSize)} of {id}";
            }
        }

        check = RiskCheck.NoPrice;
        var hasLast = account.TryGetLastPrice(id, out var last);
        var price = request.LimitPrice?.Value ?? request.TriggerPrice?.Value ?? last;
        if (request.LimitPrice is null && request.TriggerPrice is null && !hasLast)
        {
            return $"no market price yet for {id}";
        }

        if (!account.TryRate(id, out var rate, out var noRate))
        {
            return $"{noRate}: cannot value the order in {account.Currency}";
        }

        check = RiskCheck.PriceBand;
        if (PriceBandDenial(id, "limit", request.LimitPrice?.Value, hasLast, last) is { } limitBand)
        {
            return limitBand;
        }

        if (PriceBandDenial(id, "trigger", request.TriggerPrice?.Value, hasLast, last) is { } triggerBand)
        {
            return triggerBand;
        }

        check = RiskCheck.OrderRate;
        if (_throttle.Check(now) is { } throttled)
        {
            return throttled;
        }

        check = RiskCheck.MaxOpenOrders;
        if (settings.MaxOpenOrders is { } maxOpen && working.Count >= maxOpen)
        {
            return $"max open orders {maxOpen} reached ({working.Count} working)";
        }

        var ccy = account.Currency;
        check = RiskCheck.MaxOrderQuantity;
        if (settings.MaxOrderQuantity is { } maxQuantity && quantity > maxQuantity)
        {
            return $"max order quantity {Invariant.Num(maxQuantity)} exceeded (requested {Invariant.Num(quantity)})";
        }

        check = RiskCheck.MaxOrderNotional;
        var notional = quantity * price * rate;
        if (settings.MaxOrderNotional is { } maxNotional && notional > maxNotional)
        {
            return $"max order notional {Invariant.Num(maxNotional)} {ccy} exceeded (order notional {Invariant.Num(notional)} {ccy})";
        }

        return !request.ReduceOnly && Math.Abs(resulting) > Math.Abs(net) ? ExposureDenial(instrument, net, resulting, price * rate, out check) : null;
    }

    private string? StateDenial(InstrumentId id, decimal net, decimal resulting, OrderRequest request)
    {
        var current = state.Effective;
        if (current == TradingState.Halted)
        {
            return $"trading is halted ({state.EffectiveReason}): no orders are accepted";
        }

        var reduces = net != 0m && (request.ReduceOnly
            ? request.Side.Sign() != Math.Sign(net)
            : Math.Abs(resulting) < Math.Abs(net) && (resulting == 0m || Math.Sign(resulting) == Math.Sign(net)));
        return current == TradingState.Reducing && !reduces
            ? $"trading is reducing only ({state.EffectiveReason}): {request.Side.ToString().ToLowerInvariant()} {Invariant.Num(request.Quantity.Value)} would not reduce the {id} position of {Invariant.Num(net)}"
            : null;
    }

    /// <param name="kind">"limit" or "trigger".</param>
    private string? PriceBandDenial(InstrumentId id, string kind, decimal? price, bool hasLast, decimal last)
    {
        if (settings.PriceBandPct is not { } band || price is not { } p)
        {
            return null;
        }

        if (!hasLast || last <= 0m)
        {
            return $"price band {Invariant.Percent(band)}: no last price of {id} to check the {kind} price {Invariant.Num(p)} against";
        }

        var distance = Math.Abs(p - last);
        return distance > last * band
            ? $"price band {Invariant.Percent(band)} exceeded: {kind} price {Invariant.Num(p)} is {Invariant.Percent(distance / last)} from the last price {Invariant.Num(last)}"
            : null;
    }

    /// <param name="accountPrice">The reference price converted into the account currency.</param>
    private string? ExposureDenial(Instrument instrument, decimal net, decimal resulting, decimal accountPrice, out RiskCheck check)
    {
        var id = instrument.Id;
        var ccy = account.Currency;
        check = RiskCheck.MaxPositions;
        if (settings.MaxPositions is { } maxPositions && net == 0m && account.OpenPositionCount >= maxPositions)
        {
            return $"max positions {maxPositions} reached ({account.OpenPositionCount} open): cannot open a position in {id}";
        }

        check = RiskCheck.MaxPositionQuantity;
        if (settings.MaxPositionQuantity is { } maxQuantity && Math.Abs(resulting) > maxQuantity)
        {
            return $"max position quantity {Invariant.Num(maxQuantity)} exceeded (resulting position {Invariant.Num(resulting)} in {id})";
        }

        check = RiskCheck.MaxPositionNotional;
        var positionValue = Math.Abs(resulting) * accountPrice;
        if (settings.MaxPositionSize is { } maxSize && positionValue > maxSize)
        {
            return $"max position size {Invariant.Num(maxSize)} {ccy} exceeded (resulting position value {Invariant.Num(positionValue)} {ccy})";
        }

        check = RiskCheck.BuyingPower;
        if (!instrument.IsMargined)
        {
            return null;
        }

        var required = (Math.Abs(resulting) - Math.Abs(net)) * accountPrice / account.Leverage;
        var available = account.EquityAmount - account.InitialMarginAmount;
        return required > available
            ? $"insufficient buying power: the order needs an initial margin of {Invariant.Num(required)} {ccy} at leverage {Invariant.Num(account.Leverage)}, {Invariant.Num(Math.Max(available, 0m))} {ccy} is available"
            : null;
    }
}
