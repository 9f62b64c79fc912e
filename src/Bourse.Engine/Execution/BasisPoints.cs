namespace Bourse.Engine.Execution;

/// <summary>Basis-point arithmetic on decimals (1 bp = 1/10 000), exact and with the digits decimal division gives.</summary>
internal static class BasisPoints
{
    /// <summary>
    /// <paramref name="amount"/> × <paramref name="basisPoints"/> / 10 000, the same value with the same scale as that
    /// decimal expression: an exact quotient at the smallest scale at or above the product's, which is the product's
    /// mantissa with up to four trailing zeros dropped and its scale raised by the other places. A product whose mantissa
    /// does not fit 64 bits or whose scale is above 24 goes through the decimal division itself.
    /// </summary>
    /// <param name="amount">An amount (e.g. a notional, quote currency).</param>
    /// <param name="basisPoints">Basis points of it.</param>
    /// <returns>The share of the amount, in its unit.</returns>
    /// <exception cref="OverflowException">The product overflows a decimal.</exception>
    public static decimal Of(decimal amount, decimal basisPoints) => DivideBy10000(amount * basisPoints);

    /// <summary><paramref name="value"/> / 10 000 as decimal division computes it, without the division for a 64-bit mantissa.</summary>
    internal static decimal DivideBy10000(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = value.Scale;
        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (bits[2] != 0 || mantissa == 0 || scale > 24)
        {
            return value / 10_000m;
        }

        var dropped = 0;
        while (dropped < 4 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            dropped++;
        }

        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, bits[3] < 0, (byte)(scale + 4 - dropped));
    }
}
