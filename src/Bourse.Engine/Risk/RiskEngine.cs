using Bourse.Engine.Accounting;
using Bourse.Engine.Runs;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Risk;

/// <summary>
/// Pre-trade checks run before every order (strategy and signal orders alike). Returns the reason of the first
/// failed check, naming the limit and the value, or null when the order may go to the venue. Checks, in order:
/// malformed request; unknown instrument; market order without a price yet; max order quantity; max order notional
/// (quantity × reference price, the limit price or else the last price); daily loss halt (exposure-increasing orders
/// only); max open positions (orders that open a new position); max position size (|resulting net quantity| ×
/// reference price, exposure-increasing orders only). Working orders are not counted towards position limits.
/// Money in the account currency (= quote currency).
/// </summary>
internal sealed class RiskEngine(RiskSettings settings, InstrumentCatalog instruments, PaperAccount account, DailyLossGuard dailyLoss)
{
    public string? Check(OrderRequest request, DateTime now)
    {
        if (request.Problem() is { } problem)
        {
            return $"malformed order: {problem}";
        }

        if (!instruments.Contains(request.Instrument))
        {
            return $"unknown instrument {request.Instrument}: the run trades {string.Join(", ", instruments.All.Select(i => i.Id))}";
        }

        decimal price;
        if (request.LimitPrice is { } limit)
        {
            price = limit.Value;
        }
        else if (!account.TryGetLastPrice(request.Instrument, out price))
        {
            return $"no market price yet for {request.Instrument}";
        }

        var ccy = account.Currency;
        var quantity = request.Quantity.Value;
        if (settings.MaxOrderQuantity is { } maxQuantity && quantity > maxQuantity)
        {
            return $"max order quantity {Invariant.Num(maxQuantity)} exceeded (requested {Invariant.Num(quantity)})";
        }

        var notional = quantity * price;
        if (settings.MaxOrderNotional is { } maxNotional && notional > maxNotional)
        {
            return $"max order notional {Invariant.Num(maxNotional)} {ccy} exceeded (order notional {Invariant.Num(notional)} {ccy})";
        }

        var net = account.NetQuantity(request.Instrument);
        var resulting = net + (request.Side.Sign() * quantity);
        var increasesExposure = Math.Abs(resulting) > Math.Abs(net);
        if (!increasesExposure)
        {
            return null;
        }

        dailyLoss.Observe(now, account.EquityAmount);
        if (dailyLoss.IsHalted)
        {
            return $"daily loss limit {Invariant.Num(dailyLoss.Limit ?? 0m)} {ccy} reached (loss today {Invariant.Num(dailyLoss.LossToday)} {ccy}): only orders that reduce exposure are allowed until the next UTC day";
        }

        if (settings.MaxPositions is { } maxPositions && net == 0m && account.OpenPositionCount >= maxPositions)
        {
            return $"max positions {maxPositions} reached ({account.OpenPositionCount} open): cannot open a position in {request.Instrument}";
        }

        var positionValue = Math.Abs(resulting) * price;
        if (settings.MaxPositionSize is { } maxSize && positionValue > maxSize)
        {
            return $"max position size {Invariant.Num(maxSize)} {ccy} exceeded (resulting position value {Invariant.Num(positionValue)} {ccy})";
        }

        return null;
    }
}
