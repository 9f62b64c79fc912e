using System.Globalization;

namespace Bourse.Engine.Runs;

/// <summary>Culture-independent number text for reasons and log lines (no trailing zeros).</summary>
internal static class Invariant
{
    public static string Num(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    public static string Num(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage: 0.05 → "5 %" (two decimals at most).</summary>
    public static string Percent(decimal fraction) => (fraction * 100m).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
