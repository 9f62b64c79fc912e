using System.Runtime.InteropServices;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Statistics;

/// <summary>
/// Turns fills into <see cref="ClosedTrades"/> with every fee counted: the commission of an opening fill is carried
/// with the open quantity and charged, pro rata, to the fills that later close it. A closed trade's P&amp;L is thus
/// realized P&amp;L − the closed quantity's share of the opening commissions − the closing fill's commission for that
/// quantity; the part of a fill that flips the position opens the new side with the rest of its commission.
/// </summary>
internal sealed class ClosedTradeTracker
{
    private readonly Dictionary<InstrumentId, OpenLot> _open = [];

    public ClosedTrades Trades { get; private set; }

    /// <summary>Records a fill.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="signedQuantity">Quantity, positive for a buy and negative for a sell, base units.</param>
    /// <param name="commission">The fill's commission, account currency.</param>
    /// <param name="realizedPnl">Realized P&amp;L of the part that reduced the position (0 when none), before commission.</param>
    public void Record(InstrumentId instrument, decimal signedQuantity, decimal commission, decimal realizedPnl)
    {
        var quantity = Math.Abs(signedQuantity);
        if (quantity == 0m)
        {
            return;
        }

        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_open, instrument, out _); // one look-up for the read and the write
        var lot = entry;
        if (lot.Quantity == 0m || Math.Sign(lot.Quantity) == Math.Sign(signedQuantity))
        {
            entry = new OpenLot(lot.Quantity + signedQuantity, lot.Commission + commission);
            return;
        }

        var open = Math.Abs(lot.Quantity);
        var closed = Math.Min(quantity, open);
        var openingFee = lot.Commission * closed / open;
        var closingFee = commission * closed / quantity;
        Trades = Trades.Add(realizedPnl - openingFee - closingFee);
        var net = lot.Quantity + signedQuantity;
        entry = Math.Sign(net) == Math.Sign(lot.Quantity) || net == 0m
            ? new OpenLot(net, lot.Commission - openingFee)
            : new OpenLot(net, commission - closingFee);
    }

    /// <summary>The open net quantity of an instrument and the commissions paid to open it not yet charged to a trade.</summary>
    private readonly record struct OpenLot(decimal Quantity, decimal Commission);
}
