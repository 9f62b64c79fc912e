using System.Globalization;

namespace Bourse.Sdk.Values;

/// <summary>
/// A non-negative amount of an instrument in base units (shares, coins, contracts), held as an exact <see cref="decimal"/>.
/// Direction is carried by <see cref="Orders.Side"/>, never by the sign of a quantity.
/// </summary>
public readonly record struct Quantity : IComparable<Quantity>
{
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public Quantity(decimal value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Value = value;
    }

    /// <summary>The amount in base units.</summary>
    public decimal Value { get; }

    /// <summary>Zero.</summary>
    public static Quantity Zero => default;

    /// <summary>True when the amount is zero.</summary>
    public bool IsZero => Value == 0m;

    /// <inheritdoc />
    public int CompareTo(Quantity other) => Value.CompareTo(other.Value);

    public static implicit operator decimal(Quantity quantity) => quantity.Value;

    public static implicit operator Quantity(decimal value) => new(value);

    public static Quantity operator +(Quantity left, Quantity right) => new(left.Value + right.Value);

    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static Quantity operator -(Quantity left, Quantity right) => new(left.Value - right.Value);

    public static bool operator <(Quantity left, Quantity right) => left.Value < right.Value;

    public static bool operator >(Quantity left, Quantity right) => left.Value > right.Value;

    public static bool operator <=(Quantity left, Quantity right) => left.Value <= right.Value;

    public static bool operator >=(Quantity left, Quantity right) => left.Value >= right.Value;

    /// <summary>The smaller of two quantities.</summary>
    public static Quantity Min(Quantity a, Quantity b) => a <= b ? a : b;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
