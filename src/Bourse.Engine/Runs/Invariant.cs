using System.Globalization;

namespace Bourse.Engine.Runs;

/// <summary>Culture-independent number text for reasons and log lines (no trailing zeros).</summary>
internal static class Invariant
{
    public static string Num(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    public static string Num(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
