using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Values;

namespace Bourse.Sdk.Portfolio;

/// <summary>
/// A net position in one instrument, as seen at one instant.
/// </summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="NetQuantity">Signed quantity in base units: positive long, negative short, zero flat.</param>
/// <param name="AveragePrice">Average entry price of the open quantity, quote currency (0 when flat).</param>
/// <param name="LastPrice">Last known market price, quote currency.</param>
/// <param name="RealizedPnl">P&amp;L realized by closing trades, quote currency, before commissions.</param>
/// <param name="UnrealizedPnl">(LastPrice - AveragePrice) × NetQuantity, quote currency.</param>
/// <param name="Commissions">Commissions paid on this instrument, quote currency.</param>
public sealed record PositionSnapshot(
    InstrumentId Instrument,
    decimal NetQuantity,
    decimal AveragePrice,
    decimal LastPrice,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal Commissions)
{
    /// <summary>True when there is no open quantity.</summary>
    public bool IsFlat => NetQuantity == 0m;
}

/// <summary>A strategy's read-only view of its run's paper account.</summary>
public interface IPortfolioView
{
    /// <summary>The account currency, e.g. USD.</summary>
    string Currency { get; }

    /// <summary>Free cash in the account currency.</summary>
    Money Cash { get; }

    /// <summary>Cash plus the market value of all positions, account currency.</summary>
    Money Equity { get; }

    /// <summary>The position in an instrument (flat snapshot when none).</summary>
    PositionSnapshot Position(InstrumentId instrument);

    /// <summary>All instruments with a non-flat position.</summary>
    IReadOnlyList<PositionSnapshot> OpenPositions { get; }
}
