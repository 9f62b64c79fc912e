using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Bourse.Sdk.Signals;

/// <summary>
/// <see cref="Signal.Metadata"/> whose values are numbers (e.g. the indicator values a signal was decided on), formatted
/// with one .NET numeric format string in the invariant culture only when a value is read (persistence, the API), so a
/// strategy that emits many signals in a backtest pays for the text only when someone reads it. Reads the same as a
/// dictionary of the formatted values, in the order given: <c>new NumericMetadata("0.##", ("rsi", 27.4051))</c> reads
/// <c>{"rsi": "27.41"}</c>.
/// </summary>
public sealed class NumericMetadata : IReadOnlyDictionary<string, string>
{
    private readonly string _format;
    private readonly (string Name, double Value)[] _entries;

    /// <param name="format">The format of every value, e.g. <c>"0.######"</c> (see <see cref="double.ToString(string, IFormatProvider)"/>).</param>
    /// <param name="entries">The names and values, in the order they are read; names must be distinct. The array is copied.</param>
    /// <exception cref="ArgumentException">The format is empty, a name is empty, or a name is given twice.</exception>
    /// <remarks>An array rather than a span: a span's <c>params</c> compile to an inline array and <c>Unsafe</c> calls in the
    /// strategy's assembly, which the plugin sandbox refuses. One to three entries take the overloads that build their
    /// array once.</remarks>
    public NumericMetadata(string format, params (string Name, double Value)[] entries)
        : this([.. entries ?? throw new ArgumentNullException(nameof(entries))], format)
    {
    }

    /// <inheritdoc cref="NumericMetadata(string, ValueTuple{string, double}[])"/>
    /// <param name="format">The format of the value.</param>
    /// <param name="entry">The name and value.</param>
    public NumericMetadata(string format, (string Name, double Value) entry)
        : this([entry], format)
    {
    }

    /// <inheritdoc cref="NumericMetadata(string, ValueTuple{string, double}[])"/>
    /// <param name="format">The format of every value.</param>
    /// <param name="first">The first name and value.</param>
    /// <param name="second">The second name and value (a distinct name).</param>
    public NumericMetadata(string format, (string Name, double Value) first, (string Name, double Value) second)
        : this([first, second], format)
    {
    }

    /// <inheritdoc cref="NumericMetadata(string, ValueTuple{string, double}[])"/>
    /// <param name="format">The format of every value.</param>
    /// <param name="first">The first name and value.</param>
    /// <param name="second">The second name and value.</param>
    /// <param name="third">The third name and value (names distinct).</param>
    public NumericMetadata(string format, (string Name, double Value) first, (string Name, double Value) second, (string Name, double Value) third)
        : this([first, second, third], format)
    {
    }

    /// <summary>Checks and keeps <paramref name="entries"/>, an array no caller holds (the array comes first to tell this constructor from the public one).</summary>
    private NumericMetadata((string Name, double Value)[] entries, string format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        for (var i = 0; i < entries.Length; i++)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(entries[i].Name, nameof(entries));
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(entries[j].Name, entries[i].Name, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"The metadata name '{entries[i].Name}' is given twice.", nameof(entries));
                }
            }
        }

        _format = format;
        _entries = entries;
    }

    /// <inheritdoc />
    public int Count => _entries.Length;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _entries.Select(static e => e.Name);

    /// <inheritdoc />
    public IEnumerable<string> Values => _entries.Select(e => Format(e.Value));

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">No value has that name.</exception>
    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The metadata has no value named '{key}'.");

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? Format(_entries[i].Value) : null;
        return i >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (var (name, value) in _entries)
        {
            yield return new KeyValuePair<string, string>(name, Format(value));
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private string Format(double value) => value.ToString(_format, CultureInfo.InvariantCulture);

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].Name, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
