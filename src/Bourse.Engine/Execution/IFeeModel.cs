using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Execution;

/// <summary>Computes the commission of one fill, in the account currency.</summary>
public interface IFeeModel
{
    /// <summary>The commission of a fill of <paramref name="quantity"/> (base units) at <paramref name="price"/> (quote currency).</summary>
    decimal Commission(Instrument instrument, decimal price, decimal quantity, bool isMaker);
}

/// <summary>
/// A fee of a fixed number of basis points of fill notional for makers and takers alike:
/// commission = price × quantity × bps / 10 000 (1 bp = 0.01 %). Exact decimal, not rounded.
/// </summary>
public sealed class BasisPointFeeModel : IFeeModel
{
    /// <param name="basisPoints">Fee in basis points of notional; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">The fee is negative.</exception>
    public BasisPointFeeModel(decimal basisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(basisPoints);
        BasisPoints = basisPoints;
    }

    /// <summary>The fee in basis points.</summary>
    public decimal BasisPoints { get; }

    /// <inheritdoc />
    public decimal Commission(Instrument instrument, decimal price, decimal quantity, bool isMaker) =>
        price * quantity * BasisPoints / 10_000m;
}
