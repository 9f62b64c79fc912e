using Bourse.Engine.Accounting;
using Bourse.Engine.Orders;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Risk;

/// <summary>
/// Pre-trade checks run before every order (strategy and signal orders alike). <see cref="Check"/> returns the reason of
/// the first failed check, naming the limit and the value, or null when the order may go to the venue; each denial is
/// counted by <see cref="RiskCheck"/>. <see cref="DryRun"/> lists every failed check of an order that is not sent. The checks, in order (all limits of <see cref="RiskSettings"/> are off when null):
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
        RiskDenial? first = null;
        Evaluate(request, now, working, null, ref first);
        if (first is not null)
        {
            counters.Denied(first.Check);
            return first.Reason;
        }

        _throttle.Record(now);
        return null;
    }

    /// <summary>
    /// Every check the order would fail at <paramref name="now"/>, without sending it: nothing is counted and the throttle
    /// does not record it. A check that leaves nothing to evaluate (malformed, unknown instrument, no price) ends the list.
    /// </summary>
    public IReadOnlyList<RiskDenial> DryRun(OrderRequest request, DateTime now, IReadOnlyList<Order> working)
    {
        var all = new List<RiskDenial>();
        RiskDenial? first = null;
        Evaluate(request, now, working, all, ref first);
        return all;
    }

    /// <summary>Records a failed check: into <paramref name="all"/> (a dry run, which goes on), or as the only one (a check, which stops).</summary>
    /// <returns>True when the evaluation stops here.</returns>
    private static bool Deny(RiskDenial denial, List<RiskDenial>? all, ref RiskDenial? first)
    {
        first ??= denial;
        all?.Add(denial);
        return all is null;
    }

    private static bool OnGrid(decimal value, decimal step) => step <= 0m || value % step == 0m;

    /// <summary>
    /// Runs the checks in order, passing each failure to <see cref="Deny"/>: a check stops at the first, a dry run collects
    /// them all. No iterator and no allocation unless a check fails: this runs for every order of a backtest.
    /// </summary>
    private void Evaluate(OrderRequest request, DateTime now, IReadOnlyList<Order> working, List<RiskDenial>? all, ref RiskDenial? first)
    {
        var id = request.Instrument;
        if (request.Problem() is { } problem)
        {
            Deny(new(RiskCheck.Malformed, $"malformed order: {problem}"), all, ref first);
            return;
        }

        if (!instruments.TryGet(id, out var instrument))
        {
            Deny(new(RiskCheck.UnknownInstrument, $"unknown instrument {id}: the run trades {string.Join(", ", instruments.All.Select(i => i.Id))}"), all, ref first);
            return;
        }

        var quantity = request.Quantity.Value;
        var net = account.NetQuantity(id);
        var resulting = net + (request.Side.Sign() * quantity);
        if (StateDenial(id, net, resulting, request) is { } stateDenial)
        {
            if (Deny(new(RiskCheck.TradingState, stateDenial), all, ref first))
            {
                return;
            }
        }

        if (breakers.Halt(id, now) is { } halt)
        {
            if (Deny(new(RiskCheck.CircuitBreaker, halt), all, ref first))
            {
                return;
            }
        }

        if (settings.EnforceTickAndLot)
        {
            if (request.LimitPrice is { } limitPrice && !OnGrid(limitPrice.Value, instrument.TickSize))
            {
                if (Deny(new(RiskCheck.TickSize, $"limit price {Invariant.Num(limitPrice.Value)} is not on the tick grid of {id} (tick size {Invariant.Num(instrument.TickSize)})"), all, ref first))
                {
                    return;
                }
            }
            else if (request.TriggerPrice is { } triggerPrice && !OnGrid(triggerPrice.Value, instrument.TickSize))
            {
                if (Deny(new(RiskCheck.TickSize, $"trigger price {Invariant.Num(triggerPrice.Value)} is not on the tick grid of {id} (tick size {Invariant.Num(instrument.TickSize)})"), all, ref first))
                {
                    return;
                }
            }

            if (!OnGrid(quantity, instrument.LotSize))
            {
                if (Deny(new(RiskCheck.LotSize, $"quantity {Invariant.Num(quantity)} is not a multiple of the lot size {Invariant.Num(instrument.LotSize)} of {id}"), all, ref first))
                {
                    return;
                }
            }
        }

        var hasLast = account.TryGetLastPrice(id, out var last);
        var price = request.LimitPrice?.Value ?? request.TriggerPrice?.Value ?? last;
        if (request.LimitPrice is null && request.TriggerPrice is null && !hasLast)
        {
            Deny(new(RiskCheck.NoPrice, $"no market price yet for {id}"), all, ref first);
            return;
        }

        if (!account.TryRate(id, out var rate, out var noRate))
        {
            Deny(new(RiskCheck.NoPrice, $"{noRate}: cannot value the order in {account.Currency}"), all, ref first);
            return;
        }

        if (PriceBandDenial(id, "limit", request.LimitPrice?.Value, hasLast, last) is { } limitBand)
        {
            if (Deny(new(RiskCheck.PriceBand, limitBand), all, ref first))
            {
                return;
            }
        }
        else if (PriceBandDenial(id, "trigger", request.TriggerPrice?.Value, hasLast, last) is { } triggerBand)
        {
            if (Deny(new(RiskCheck.PriceBand, triggerBand), all, ref first))
            {
                return;
            }
        }

        if (_throttle.Check(now) is { } throttled)
        {
            if (Deny(new(RiskCheck.OrderRate, throttled), all, ref first))
            {
                return;
            }
        }

        if (settings.MaxOpenOrders is { } maxOpen && working.Count >= maxOpen)
        {
            if (Deny(new(RiskCheck.MaxOpenOrders, $"max open orders {maxOpen} reached ({working.Count} working)"), all, ref first))
            {
                return;
            }
        }

        var ccy = account.Currency;
        if (settings.MaxOrderQuantity is { } maxQuantity && quantity > maxQuantity)
        {
            if (Deny(new(RiskCheck.MaxOrderQuantity, $"max order quantity {Invariant.Num(maxQuantity)} exceeded (requested {Invariant.Num(quantity)})"), all, ref first))
            {
                return;
            }
        }

        var notional = CurrencyConverter.Convert(quantity * price, rate);
        if (settings.MaxOrderNotional is { } maxNotional && notional > maxNotional)
        {
            if (Deny(new(RiskCheck.MaxOrderNotional, $"max order notional {Invariant.Num(maxNotional)} {ccy} exceeded (order notional {Invariant.Num(notional)} {ccy})"), all, ref first))
            {
                return;
            }
        }

        if (!request.ReduceOnly && Math.Abs(resulting) > Math.Abs(net))
        {
            ExposureDenials(instrument, net, resulting, CurrencyConverter.Convert(price, rate), all, ref first);
        }
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
    private void ExposureDenials(Instrument instrument, decimal net, decimal resulting, decimal accountPrice, List<RiskDenial>? all, ref RiskDenial? first)
    {
        var id = instrument.Id;
        var ccy = account.Currency;
        if (settings.MaxPositions is { } maxPositions && net == 0m && account.OpenPositionCount >= maxPositions)
        {
            if (Deny(new(RiskCheck.MaxPositions, $"max positions {maxPositions} reached ({account.OpenPositionCount} open): cannot open a position in {id}"), all, ref first))
            {
                return;
            }
        }

        if (settings.MaxPositionQuantity is { } maxQuantity && Math.Abs(resulting) > maxQuantity)
        {
            if (Deny(new(RiskCheck.MaxPositionQuantity, $"max position quantity {Invariant.Num(maxQuantity)} exceeded (resulting position {Invariant.Num(resulting)} in {id})"), all, ref first))
            {
                return;
            }
        }

        var positionValue = Math.Abs(resulting) * accountPrice;
        if (settings.MaxPositionSize is { } maxSize && positionValue > maxSize)
        {
            if (Deny(new(RiskCheck.MaxPositionNotional, $"max position size {Invariant.Num(maxSize)} {ccy} exceeded (resulting position value {Invariant.Num(positionValue)} {ccy})"), all, ref first))
            {
                return;
            }
        }

        if (!instrument.IsMargined)
        {
            return;
        }

        var required = (Math.Abs(resulting) - Math.Abs(net)) * accountPrice / account.Leverage;
        var available = account.EquityAmount - account.InitialMarginAmount;
        if (required > available)
        {
            if (Deny(new(RiskCheck.BuyingPower, $"insufficient buying power: the order needs an initial margin of {Invariant.Num(required)} {ccy} at leverage {Invariant.Num(account.Leverage)}, {Invariant.Num(Math.Max(available, 0m))} {ccy} is available"), all, ref first))
            {
                return;
            }
        }
    }
}
