using System.Globalization;

namespace Bourse.Data.Files;

/// <summary>The row handling the generic CSV readers share: header, required columns, fields, times and numbers with file and line in errors.</summary>
internal static class CsvRows
{
    /// <summary>Reads the first non-empty line as the header.</summary>
    /// <exception cref="DataFileException">The file is empty.</exception>
    public static CsvColumns ReadHeader(DataTextReader file, CsvFormat format)
    {
        while (file.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                return CsvColumns.Parse(line, format.Separator);
            }
        }

        throw file.FileError("the file is empty (a header row is expected)");
    }

    /// <summary>
    /// The indexes of <paramref name="names"/> in the header; a name may list alternatives separated by '|'
    /// (<c>size|amount|quantity</c>).
    /// </summary>
    /// <exception cref="DataFileException">A column is missing (the error names it and the header).</exception>
    public static int[] Require(DataTextReader file, CsvColumns header, IReadOnlyList<string> names)
    {
        var indexes = new int[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            indexes[i] = header.Find(names[i].Split('|'));
            if (indexes[i] < 0)
            {
                var alternatives = names[i].Split('|');
                var what = alternatives.Length == 1 ? alternatives[0] : $"{(alternatives[0] == CsvBarReader.TimeColumns[0] ? "time" : alternatives[0])} ({string.Join(", ", alternatives)})";
                throw file.Error($"header has no {what} column (header: '{header}')");
            }
        }

        return indexes;
    }

    /// <summary>The fields of every non-empty row after the header, unquoted.</summary>
    /// <exception cref="DataFileException">A row has a different number of fields than the header.</exception>
    public static IEnumerable<string[]> Read(DataTextReader file, CsvColumns header)
    {
        while (file.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(header.Separator);
            if (fields.Length != header.Count)
            {
                throw file.Error($"expected {header.Count} fields, found {fields.Length}");
            }

            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = CsvColumns.Unquote(fields[i]);
            }

            yield return fields;
        }
    }

    public static DateTime Time(DataTextReader file, CsvFormat format, string text) =>
        format.TryParseTime(text, out var time)
            ? time
            : throw file.Error(format.TimeFormats is { } formats
                ? $"time '{text}' matches none of the formats {string.Join(", ", formats)}"
                : $"time '{text}' is not ISO 8601, YYYY-MM-DD HH:MM[:SS[.ffffff]], YYYYMMDD[ HH:mm[:ss]], or a Unix epoch number");

    public static decimal Number(DataTextReader file, string text, string name) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw file.Error($"{name} '{text}' is not a number");

    public static decimal Quantity(DataTextReader file, string text, string name) =>
        Number(file, text, name) is var value and >= 0m ? value : throw file.Error($"{name} {text} is negative");
}
