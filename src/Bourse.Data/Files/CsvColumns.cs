namespace Bourse.Data.Files;

/// <summary>
/// The header row of a CSV file: column names (trimmed, unquoted, byte-order mark removed, case-insensitive) and the
/// separator (',' unless the header uses ';' or a tab and no ',').
/// </summary>
internal sealed class CsvColumns
{
    private readonly Dictionary<string, int> index;

    private CsvColumns(char separator, string[] names)
    {
        Separator = separator;
        Names = names;
        index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = names.Length - 1; i >= 0; i--)
        {
            index[names[i]] = i;
        }
    }

    /// <summary>The field separator.</summary>
    public char Separator { get; }

    /// <summary>The column names in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The number of columns.</summary>
    public int Count => Names.Count;

    /// <summary>Parses a header line.</summary>
    public static CsvColumns Parse(string line, char? separator = null)
    {
        var sep = separator ?? (line.Contains(',', StringComparison.Ordinal) ? ','
            : line.Contains(';', StringComparison.Ordinal) ? ';'
            : line.Contains('\t', StringComparison.Ordinal) ? '\t' : ',');
        return new CsvColumns(sep, [.. line.Split(sep).Select(n => Unquote(n.TrimStart('\uFEFF')))]);
    }

    /// <summary>The index of the first of <paramref name="names"/> present, or -1.</summary>
    public int Find(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (index.TryGetValue(name, out var i))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when every name is a column.</summary>
    public bool HasAll(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (!index.ContainsKey(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes surrounding whitespace and one pair of double quotes.</summary>
    public static string Unquote(string field)
    {
        var text = field.Trim();
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1].Trim() : text;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(Separator, Names);
}
