using System.Globalization;
using Bourse.Engine.Accounting;
using Bourse.Engine.Orders;
using Bourse.Engine.Runs;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Signals;

/// <summary>What the router decided for one signal: an order to submit, or the reason there is none.</summary>
internal readonly record struct SignalDecision(OrderRequest? Order, string? Reason);

/// <summary>
/// Turns signals into orders under the run's risk settings. Rules, in order: auto-execute off → not executed;
/// Hold → not executed; strength below the threshold → not executed. Buy: the signal's quantity, or else
/// min(equity × PositionSizePct, MaxPositionSize − current long value) / (price × rate into the account currency), rounded DOWN to the instrument's lot
/// (price = the signal's price or the last close), where the current long value counts working buy orders too. Sell:
/// the long position not already being sold by working sell orders, or the signal's quantity capped at it; never opens
/// a short, even when the strategy also sells by itself. The order is a GTC market order tagged "signal:{id}"; it
/// then goes through risk.
/// </summary>
internal sealed class SignalRouter(RiskSettings settings, InstrumentCatalog instruments, PaperAccount account)
{
    /// <param name="signal">The signal.</param>
    /// <param name="signalId">Its number within the run.</param>
    /// <param name="working">The run's working orders.</param>
    public SignalDecision Decide(Signal signal, long signalId, IReadOnlyList<Order> working)
    {
        if (!settings.AutoExecute)
        {
            return new(null, "auto_execute is off");
        }

        if (signal.Type == SignalType.Hold)
        {
            return new(null, "hold signals are not executed");
        }

        if (signal.Strength < settings.SignalStrengthThreshold)
        {
            return new(null, $"signal strength {Invariant.Num(signal.Strength)} is below the threshold {Invariant.Num(settings.SignalStrengthThreshold)}");
        }

        if (!instruments.TryGet(signal.Instrument, out var instrument))
        {
            return new(null, $"unknown instrument {signal.Instrument}");
        }

        var tag = Tag(signalId);
        var net = account.NetQuantity(signal.Instrument);
        if (signal.Type == SignalType.Sell)
        {
            if (net <= 0m)
            {
                return new(null, "no position to sell");
            }

            var available = net - Working(working, signal, Side.Sell);
            if (available <= 0m)
            {
                return new(null, "the position is already being sold by working orders");
            }

            var sellQuantity = signal.Quantity is { } q ? Math.Min(q.Value, available) : available;
            return sellQuantity <= 0m
                ? new(null, "sell quantity is zero")
                : new(new OrderRequest(signal.Instrument, Side.Sell, OrderType.Market, new Quantity(sellQuantity), Tag: tag), null);
        }

        if (signal.Quantity is { } given)
        {
            return new(new OrderRequest(signal.Instrument, Side.Buy, OrderType.Market, given, Tag: tag), null);
        }

        decimal price;
        if (signal.Price is { } p && p.Value > 0m)
        {
            price = p.Value;
        }
        else if (!account.TryGetLastPrice(signal.Instrument, out price) || price <= 0m)
        {
            return new(null, $"no market price yet for {signal.Instrument}");
        }

        if (!account.TryRate(signal.Instrument, out var rate, out var noRate))
        {
            return new(null, noRate);
        }

        var accountPrice = CurrencyConverter.Convert(price, rate);
        var budget = account.EquityAmount * settings.PositionSizePct;
        if (settings.MaxPositionSize is { } maxSize)
        {
            var currentLongValue = (Math.Max(net, 0m) + Working(working, signal, Side.Buy)) * accountPrice;
            budget = Math.Min(budget, maxSize - currentLongValue);
        }

        var quantity = budget <= 0m ? 0m : instrument.RoundDownToLot(budget / accountPrice);
        if (quantity <= 0m)
        {
            return new(null, $"sized quantity is zero (budget {Invariant.Num(Math.Max(budget, 0m))} {account.Currency} at price {Invariant.Num(price)}, lot {Invariant.Num(instrument.LotSize)})");
        }

        return new(new OrderRequest(signal.Instrument, Side.Buy, OrderType.Market, new Quantity(quantity), Tag: tag), null);
    }

    /// <summary>"signal:" and the signal's number (invariant digits): the digits formatted on the stack, one string allocated.</summary>
    private static string Tag(long signalId)
    {
        Span<char> digits = stackalloc char[20]; // long.MinValue has 19 digits and a sign
        signalId.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        return string.Concat("signal:", digits[..length]);
    }

    /// <summary>The open (leaves) quantity of the working orders on the signal's instrument and side, base units.</summary>
    private static decimal Working(IReadOnlyList<Order> working, Signal signal, Side side)
    {
        var total = 0m;
        for (var i = 0; i < working.Count; i++)
        {
            var order = working[i];
            if (order.Instrument == signal.Instrument && order.Request.Side == side)
            {
                total += order.LeavesQuantity;
            }
        }

        return total;
    }
}
