namespace Bourse.Sdk.Identifiers;

/// <summary>The client-side id of an order, unique within a run. Non-empty, at most 64 characters.</summary>
public readonly record struct ClientOrderId
{
    /// <exception cref="ArgumentException">The value is empty or longer than 64 characters.</exception>
    public ClientOrderId(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64)
        {
            throw new ArgumentException("A client order id must be 1 to 64 non-blank characters.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>The id of one strategy run (live, paper or backtest).</summary>
public readonly record struct RunId(Guid Value)
{
    /// <summary>A new random run id.</summary>
    public static RunId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>The id of a fill (trade) produced by a venue, unique within a run.</summary>
public readonly record struct TradeId
{
    /// <exception cref="ArgumentException">The value is empty.</exception>
    public TradeId(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A trade id must be non-blank.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value;
}
