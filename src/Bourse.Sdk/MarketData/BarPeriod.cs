namespace Bourse.Sdk.MarketData;

/// <summary>The time span one bar covers, e.g. 1 minute, 1 hour, 1 day.</summary>
public readonly record struct BarPeriod
{
    /// <exception cref="ArgumentOutOfRangeException">The span is not positive.</exception>
    public BarPeriod(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(span), span, "A bar period must be positive.");
        }

        Span = span;
    }

    /// <summary>The span of one bar.</summary>
    public TimeSpan Span { get; }

    /// <summary>One minute.</summary>
    public static BarPeriod OneMinute => new(TimeSpan.FromMinutes(1));

    /// <summary>One hour.</summary>
    public static BarPeriod OneHour => new(TimeSpan.FromHours(1));

    /// <summary>One day.</summary>
    public static BarPeriod OneDay => new(TimeSpan.FromDays(1));

    /// <summary>Short text such as <c>1m</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>, or <c>30s</c>.</summary>
    public override string ToString() => Span switch
    {
        { TotalDays: >= 1 } s when s.TotalDays == Math.Floor(s.TotalDays) => $"{s.TotalDays}d",
        { TotalHours: >= 1 } s when s.TotalHours == Math.Floor(s.TotalHours) => $"{s.TotalHours}h",
        { TotalMinutes: >= 1 } s when s.TotalMinutes == Math.Floor(s.TotalMinutes) => $"{s.TotalMinutes}m",
        var s => $"{s.TotalSeconds}s",
    };

    /// <summary>Parses the short text written by <see cref="ToString"/> (<c>1m</c>, <c>1h</c>, <c>1d</c>, <c>30s</c>).</summary>
    /// <exception cref="FormatException">The text is not a number followed by s, m, h or d.</exception>
    public static BarPeriod Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2
            || !int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            throw new FormatException($"'{text}' is not a bar period such as 1m, 5m, 1h or 1d.");
        }

        return char.ToLowerInvariant(text[^1]) switch
        {
            's' => new(TimeSpan.FromSeconds(n)),
            'm' => new(TimeSpan.FromMinutes(n)),
            'h' => new(TimeSpan.FromHours(n)),
            'd' => new(TimeSpan.FromDays(n)),
            _ => throw new FormatException($"'{text}' is not a bar period such as 1m, 5m, 1h or 1d."),
        };
    }
}
