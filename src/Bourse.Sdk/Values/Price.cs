using System.Globalization;

namespace Bourse.Sdk.Values;

/// <summary>
/// A price in the instrument's quote currency (e.g. USD for BTCUSD), held as an exact <see cref="decimal"/>.
/// May be negative only where a market allows it; the engine validates order prices as positive.
/// </summary>
public readonly record struct Price(decimal Value) : IComparable<Price>
{
    /// <summary>Zero.</summary>
    public static Price Zero => new(0m);

    /// <inheritdoc />
    public int CompareTo(Price other) => Value.CompareTo(other.Value);

    public static implicit operator decimal(Price price) => price.Value;

    public static implicit operator Price(decimal value) => new(value);

    public static bool operator <(Price left, Price right) => left.Value < right.Value;

    public static bool operator >(Price left, Price right) => left.Value > right.Value;

    public static bool operator <=(Price left, Price right) => left.Value <= right.Value;

    public static bool operator >=(Price left, Price right) => left.Value >= right.Value;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
