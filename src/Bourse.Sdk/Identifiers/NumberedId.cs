using System.Globalization;

namespace Bourse.Sdk.Identifiers;

/// <summary>
/// The text of an id the engine numbers itself: its prefix, a hyphen and the number with at least six digits
/// ("O-000042", "T-1234567"). Such an id keeps its number and is formatted only when its text is read; a text that has
/// exactly this form is recognised as the same number, so both spellings of an id are equal and hash alike.
/// </summary>
internal static class NumberedId
{
    private const int MinDigits = 6;
    private const int MaxDigits = 18;

    /// <summary>The text of number <paramref name="number"/> (positive) after <paramref name="prefix"/>.</summary>
    public static string Format(char prefix, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{number:D6}");

    /// <summary>Whether two ids (each a number, or 0 and a text) are the same: numbers compare as numbers, other texts ordinally.</summary>
    public static bool Equal(long number, string? text, long otherNumber, string? otherText) =>
        number != 0 || otherNumber != 0 ? number == otherNumber : string.Equals(text, otherText, StringComparison.Ordinal);

    /// <summary>The hash code of an id consistent with <see cref="Equal"/>.</summary>
    public static int Hash(long number, string? text) => number != 0 ? number.GetHashCode() : text?.GetHashCode(StringComparison.Ordinal) ?? 0;

    /// <summary>The number <paramref name="text"/> is the exact text of (see <see cref="Format"/>), or 0 when it is any other text.</summary>
    public static long Parse(char prefix, string? text)
    {
        if (text is null || text.Length < MinDigits + 2 || text.Length > MaxDigits + 2 || text[0] != prefix || text[1] != '-'
            || (text.Length > MinDigits + 2 && text[2] == '0'))
        {
            return 0;
        }

        long number = 0;
        for (var i = 2; i < text.Length; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return 0;
            }

            number = (number * 10) + digit;
        }

        return number;
    }
}
