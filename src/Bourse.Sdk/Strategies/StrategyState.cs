using System.Globalization;

namespace Bourse.Sdk.Strategies;

/// <summary>
/// What a strategy keeps across a server restart: a small bag of named values written in
/// <see cref="Strategy.OnSave"/> and read back in <see cref="Strategy.OnLoad"/> when the run resumes.
/// Values are stored as invariant text (decimal exactly, double round-trip, times as UTC ISO 8601), so a value read
/// back is the value written. Keys are case-sensitive, 1 to 100 characters; the whole state (keys and values) holds at
/// most <see cref="MaxCharacters"/> characters.
/// </summary>
/// <remarks>
/// Keep it small: counters, the last decision, an indicator's last value or window. Positions and open orders are not
/// part of it: they are restored from the persisted fills and orders (read them through the portfolio and
/// <see cref="IStrategyContext.OpenOrders"/>).
/// </remarks>
public sealed class StrategyState
{
    /// <summary>The most characters (keys plus values) a state may hold.</summary>
    public const int MaxCharacters = 65_536;

    private const int MaxKeyLength = 100;

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private int _characters;

    /// <summary>An empty state.</summary>
    public StrategyState()
    {
    }

    /// <summary>A state holding <paramref name="values"/> (as read back from storage).</summary>
    /// <exception cref="ArgumentException">A key is empty or too long, or the values exceed <see cref="MaxCharacters"/>.</exception>
    public StrategyState(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, value) in values)
        {
            Set(key, value);
        }
    }

    /// <summary>Number of values.</summary>
    public int Count => _values.Count;

    /// <summary>The values as stored (invariant text), by key.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>True when <paramref name="key"/> has a value.</summary>
    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>Stores a text value (replacing any value of the key).</summary>
    /// <exception cref="ArgumentException">The key is empty or longer than 100 characters, or the state would exceed <see cref="MaxCharacters"/>.</exception>
    public void Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A state key must have 1 to {MaxKeyLength} characters (got '{key}').", nameof(key));
        }

        var before = _values.TryGetValue(key, out var old) ? key.Length + old.Length : 0;
        var total = _characters - before + key.Length + value.Length;
        if (total > MaxCharacters)
        {
            throw new ArgumentException($"The strategy state would hold {total} characters; at most {MaxCharacters} are kept.", nameof(value));
        }

        _values[key] = value;
        _characters = total;
    }

    /// <summary>Stores a whole number.</summary>
    /// <exception cref="ArgumentException">See <see cref="Set(string, string)"/>.</exception>
    public void Set(string key, long value) => Set(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Stores an exact decimal (prices, quantities, money).</summary>
    /// <exception cref="ArgumentException">See <see cref="Set(string, string)"/>.</exception>
    public void Set(string key, decimal value) => Set(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Stores a double (indicator values); read back bit for bit.</summary>
    /// <exception cref="ArgumentException">See <see cref="Set(string, string)"/>.</exception>
    public void Set(string key, double value) => Set(key, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Stores a flag.</summary>
    /// <exception cref="ArgumentException">See <see cref="Set(string, string)"/>.</exception>
    public void Set(string key, bool value) => Set(key, value ? "true" : "false");

    /// <summary>Stores a time, converted to UTC.</summary>
    /// <exception cref="ArgumentException">See <see cref="Set(string, string)"/>.</exception>
    public void Set(string key, DateTime value) => Set(key, value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));

    /// <summary>The text value of <paramref name="key"/>, or null when it has none.</summary>
    public string? GetString(string key) => _values.GetValueOrDefault(key);

    /// <summary>The whole number stored under <paramref name="key"/>, or null when it has none.</summary>
    /// <exception cref="FormatException">The stored value is not a whole number.</exception>
    public long? GetInt64(string key) => Read(key, static s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));

    /// <summary>The decimal stored under <paramref name="key"/>, or null when it has none.</summary>
    /// <exception cref="FormatException">The stored value is not a number.</exception>
    public decimal? GetDecimal(string key) => Read(key, static s => decimal.Parse(s, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture));

    /// <summary>The double stored under <paramref name="key"/>, or null when it has none.</summary>
    /// <exception cref="FormatException">The stored value is not a number.</exception>
    public double? GetDouble(string key) => Read(key, static s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>The flag stored under <paramref name="key"/>, or null when it has none.</summary>
    /// <exception cref="FormatException">The stored value is not true or false.</exception>
    public bool? GetBoolean(string key) => Read(key, static s => bool.Parse(s));

    /// <summary>The UTC time stored under <paramref name="key"/>, or null when it has none.</summary>
    /// <exception cref="FormatException">The stored value is not an ISO 8601 time.</exception>
    public DateTime? GetDateTime(string key) =>
        Read(key, static s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));

    /// <summary>True when both states hold the same keys with the same values.</summary>
    public bool SameAs(StrategyState? other) =>
        other is not null && other._values.Count == _values.Count &&
        _values.All(p => other._values.TryGetValue(p.Key, out var v) && string.Equals(v, p.Value, StringComparison.Ordinal));

    private T? Read<T>(string key, Func<string, T> parse)
        where T : struct =>
        _values.TryGetValue(key, out var text) ? parse(text) : null;
}
