namespace Bourse.Engine.Accounting;

/// <summary>
/// The account's equity as a function of one instrument's price while nothing else changes:
/// equity(price) = <see cref="Constant"/> + <see cref="Quantity"/> × price (single-currency account, non-margined
/// position). <see cref="At"/> gives exactly the decimal the account's own sum gives for that price: decimal addition
/// is exact (below 28 significant digits) and keeps the largest scale, whatever the order of the terms.
/// See <see cref="PaperAccount.TryEquityLine"/>.
/// </summary>
/// <param name="Constant">Cash plus the value of every other position, account currency.</param>
/// <param name="Quantity">The instrument's net quantity, base units (negative when short).</param>
/// <param name="Version">The account's version the line was taken at; the line holds while <see cref="PaperAccount.IsCurrent"/> says so.</param>
internal readonly record struct EquityLine(decimal Constant, decimal Quantity, long Version)
{
    /// <summary>The equity when the instrument is marked at <paramref name="price"/> (quote currency = account currency).</summary>
    public decimal At(decimal price) => Constant + (Quantity * price);
}
