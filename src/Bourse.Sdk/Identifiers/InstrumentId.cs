namespace Bourse.Sdk.Identifiers;

/// <summary>
/// Identifies a tradable instrument on a venue, written <c>SYMBOL.VENUE</c>
/// (e.g. <c>BTCUSD.COINBASE</c>, <c>SPY.NASDAQ</c>). Symbol and venue are upper-cased. Equality is ordinal on both
/// parts; the parts are interned and the hash code is computed once, so equal ids compare by reference and are cheap
/// dictionary keys on the kernel's per-bar path.
/// </summary>
public readonly record struct InstrumentId
{
    private readonly int _hash;

    /// <summary>Creates an id from its parts.</summary>
    /// <exception cref="ArgumentException">A part is empty or contains whitespace, or the venue contains '.'.</exception>
    public InstrumentId(string symbol, string venue)
    {
        Symbol = string.Intern(Validate(symbol, nameof(symbol), allowDot: true));
        Venue = string.Intern(Validate(venue, nameof(venue), allowDot: false));
        _hash = HashCode.Combine(Symbol, Venue);
    }

    /// <summary>The ticker or pair, e.g. <c>BTCUSD</c>; may contain '.' (<c>BRK.B</c>).</summary>
    public string Symbol { get; }

    /// <summary>The venue (exchange) code, e.g. <c>COINBASE</c>.</summary>
    public string Venue { get; }

    /// <summary>Parses <c>SYMBOL.VENUE</c>; the venue is what follows the last '.'.</summary>
    /// <exception cref="FormatException">The text is not of the form SYMBOL.VENUE.</exception>
    public static InstrumentId Parse(string text)
    {
        if (!TryParse(text, out var id))
        {
            throw new FormatException($"'{text}' is not an instrument id of the form SYMBOL.VENUE (e.g. BTCUSD.COINBASE).");
        }

        return id;
    }

    /// <summary>Parses <c>SYMBOL.VENUE</c>; returns false instead of throwing.</summary>
    public static bool TryParse(string? text, out InstrumentId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var dot = text.LastIndexOf('.');
        if (dot <= 0 || dot == text.Length - 1)
        {
            return false;
        }

        var symbol = text[..dot];
        var venue = text[(dot + 1)..];
        if (!IsValidPart(symbol, allowDot: true) || !IsValidPart(venue, allowDot: false))
        {
            return false;
        }

        id = new InstrumentId(symbol, venue);
        return true;
    }

    /// <summary>Ordinal equality of symbol and venue.</summary>
    public bool Equals(InstrumentId other) =>
        _hash == other._hash && string.Equals(Symbol, other.Symbol, StringComparison.Ordinal) && string.Equals(Venue, other.Venue, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <inheritdoc />
    public override string ToString() => $"{Symbol}.{Venue}";

    private static bool IsValidPart(string part, bool allowDot) =>
        part.Length > 0 && (allowDot || !part.Contains('.', StringComparison.Ordinal)) && !part.Any(char.IsWhiteSpace);

    private static string Validate(string part, string name, bool allowDot)
    {
        if (part is null || !IsValidPart(part, allowDot))
        {
            throw new ArgumentException($"'{part}' is not a valid instrument {name}: it must be non-empty, without whitespace{(allowDot ? "" : " or '.'")}.", name);
        }

        return part.ToUpperInvariant();
    }
}
