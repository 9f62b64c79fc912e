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

/// <summary>
/// A strategy's read-only view of its run's paper account. Totals are in the account currency, converting other
/// currencies at the current rate (the last price of a conversion instrument of the run such as EURUSD, else the
/// configured rate); positions are in their instrument's quote currency.
/// </summary>
public interface IPortfolioView
{
    /// <summary>The account currency, e.g. USD.</summary>
    string Currency { get; }

    /// <summary>Cash of every currency, converted into the account currency (may be negative when a currency is borrowed).</summary>
    Money Cash { get; }

    /// <summary>Cash plus the value of all positions (market value; unrealized P&amp;L for margined instruments), account currency.</summary>
    Money Equity { get; }

    /// <summary>The cash balance of each currency of the run, in that currency, account currency first.</summary>
    IReadOnlyList<Money> Balances { get; }

    /// <summary>The cash balance of one currency, in that currency.</summary>
    /// <exception cref="ArgumentException">The currency is not one of the run's.</exception>
    Money Balance(string currency);

    /// <summary>Leverage applied to margined instruments (perpetuals); 1 means fully funded.</summary>
    decimal Leverage { get; }

    /// <summary>Initial margin held by margined positions: Σ |quantity| × price / leverage, account currency.</summary>
    Money InitialMargin { get; }

    /// <summary>Maintenance margin of margined positions: Σ |quantity| × price × maintenance rate, account currency. Equity below it liquidates them.</summary>
    Money MaintenanceMargin { get; }

    /// <summary>Equity minus initial margin, account currency: what new margined exposure may still use (buying power × 1 / leverage).</summary>
    Money MarginAvailable { get; }

    /// <summary>The position in an instrument (flat snapshot when none).</summary>
    PositionSnapshot Position(InstrumentId instrument);

    /// <summary>All instruments with a non-flat position.</summary>
    IReadOnlyList<PositionSnapshot> OpenPositions { get; }
}
