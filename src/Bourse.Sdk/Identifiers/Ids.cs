namespace Bourse.Sdk.Identifiers;

/// <summary>
/// The client-side id of an order, unique within a run. Non-empty, at most 64 characters. The engine numbers its orders
/// "O-000001", "O-000002"… (<see cref="Numbered"/>) and formats that text only when <see cref="Value"/> is read; an id
/// given as the same text equals it.
/// </summary>
public readonly struct ClientOrderId : IEquatable<ClientOrderId>
{
    private const char Prefix = 'O';
    private readonly string? _text;
    private readonly long _number;

    /// <exception cref="ArgumentException">The value is empty or longer than 64 characters.</exception>
    public ClientOrderId(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64)
        {
            throw new ArgumentException("A client order id must be 1 to 64 non-blank characters.", nameof(value));
        }

        _text = value;
        _number = NumberedId.Parse(Prefix, value);
    }

    private ClientOrderId(long number) => _number = number;

    /// <summary>The number of a numbered id (<c>O-000042</c> is 42), or 0 for any other id.</summary>
    internal long Number => _number;

    /// <summary>The id text.</summary>
    public string Value => _text ?? (_number > 0 ? NumberedId.Format(Prefix, _number) : null!);

    /// <summary>The engine's id of its order number <paramref name="number"/>: "O-" and the number with at least six digits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is not positive.</exception>
    public static ClientOrderId Numbered(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        return new ClientOrderId(number);
    }

    /// <summary>Equal ids.</summary>
    public static bool operator ==(ClientOrderId left, ClientOrderId right) => left.Equals(right);

    /// <summary>Different ids.</summary>
    public static bool operator !=(ClientOrderId left, ClientOrderId right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ClientOrderId other) => NumberedId.Equal(_number, _text, other._number, other._text);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ClientOrderId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => NumberedId.Hash(_number, _text);

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

/// <summary>
/// The id of a fill (trade) produced by a venue, unique within a run. The simulated venue numbers its fills "T-000001",
/// "T-000002"… (<see cref="Numbered"/>) and formats that text only when <see cref="Value"/> is read; an id given as the
/// same text equals it.
/// </summary>
public readonly struct TradeId : IEquatable<TradeId>
{
    private const char Prefix = 'T';
    private readonly string? _text;
    private readonly long _number;

    /// <exception cref="ArgumentException">The value is empty.</exception>
    public TradeId(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A trade id must be non-blank.", nameof(value));
        }

        _text = value;
        _number = NumberedId.Parse(Prefix, value);
    }

    private TradeId(long number) => _number = number;

    /// <summary>The number of a numbered id (<c>T-000042</c> is 42), or 0 for any other id.</summary>
    internal long Number => _number;

    /// <summary>The id text.</summary>
    public string Value => _text ?? (_number > 0 ? NumberedId.Format(Prefix, _number) : null!);

    /// <summary>The simulated venue's id of its fill number <paramref name="number"/>: "T-" and the number with at least six digits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is not positive.</exception>
    public static TradeId Numbered(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        return new TradeId(number);
    }

    /// <summary>Equal ids.</summary>
    public static bool operator ==(TradeId left, TradeId right) => left.Equals(right);

    /// <summary>Different ids.</summary>
    public static bool operator !=(TradeId left, TradeId right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(TradeId other) => NumberedId.Equal(_number, _text, other._number, other._text);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TradeId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => NumberedId.Hash(_number, _text);

    /// <inheritdoc />
    public override string ToString() => Value;
}
