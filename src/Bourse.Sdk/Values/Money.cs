using System.Globalization;

namespace Bourse.Sdk.Values;

/// <summary>
/// An exact amount of a currency (ISO 4217 code such as <c>USD</c>, or a coin such as <c>BTC</c>).
/// Arithmetic between two amounts requires the same currency.
/// </summary>
public readonly record struct Money
{
    /// <exception cref="ArgumentException">The currency code is empty.</exception>
    public Money(decimal amount, string currency)
    {
        if (string.IsNullOrWhiteSpace(currency))
        {
            throw new ArgumentException("A currency code is required.", nameof(currency));
        }

        Amount = amount;
        Currency = currency.ToUpperInvariant();
    }

    /// <summary>The amount, in units of <see cref="Currency"/>.</summary>
    public decimal Amount { get; }

    /// <summary>The currency code, upper case.</summary>
    public string Currency { get; }

    /// <summary>Zero of a currency.</summary>
    public static Money Zero(string currency) => new(0m, currency);

    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public static Money operator +(Money left, Money right) => new(left.Amount + Same(left, right).Amount, left.Currency);

    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public static Money operator -(Money left, Money right) => new(left.Amount - Same(left, right).Amount, left.Currency);

    /// <summary>The amount scaled by <paramref name="factor"/>, in the same currency (exact decimal, not rounded).</summary>
    public static Money operator *(Money money, decimal factor) => new(money.Amount * factor, money.Currency);

    /// <inheritdoc />
    public override string ToString() => $"{Amount.ToString(CultureInfo.InvariantCulture)} {Currency}";

    private static Money Same(Money left, Money right) =>
        left.Currency == right.Currency
            ? right
            : throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
}
