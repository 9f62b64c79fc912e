using System.Globalization;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Files;

/// <summary>How equity prices are adjusted for corporate actions (LEAN's data normalization modes).</summary>
public enum PriceAdjustment
{
    /// <summary>Prices as traded; a split shows as a jump (AAPL ≈646 → ≈93 on 2014-06-09).</summary>
    Raw,

    /// <summary>Prices × split factor, volume ÷ split factor: continuous across splits, dividends still show as drops.</summary>
    SplitAdjusted,

    /// <summary>Prices × price factor × split factor (splits and dividends), volume ÷ split factor: LEAN's default.</summary>
    Adjusted,
}

/// <summary>One row of a LEAN factor file.</summary>
/// <param name="Date">The last trading date the factors apply to.</param>
/// <param name="PriceFactor">Dividend adjustment factor (≤ 1).</param>
/// <param name="SplitFactor">Split adjustment factor (1/28 for AAPL before its 7:1 and 4:1 splits).</param>
/// <param name="ReferencePrice">The raw close the factors were computed from (informational).</param>
public readonly record struct FactorRow(DateOnly Date, decimal PriceFactor, decimal SplitFactor, decimal ReferencePrice);

/// <summary>
/// A LEAN factor file (<c>equity/usa/factor_files/&lt;sym&gt;.csv</c>): rows <c>YYYYMMDD,priceFactor,splitFactor,referencePrice</c>
/// in date order. For a bar on (New York) date d the factors are those of the first row dated ≥ d; adjusted price =
/// raw × priceFactor × splitFactor and adjusted volume = raw ÷ splitFactor (<see cref="PriceAdjustment"/>). Factors
/// are relative to the file's last row (1, 1), so the latest prices stay as traded.
/// </summary>
public sealed class LeanFactorFile
{
    private readonly FactorRow[] rows;

    private LeanFactorFile(FactorRow[] rows) => this.rows = rows;

    /// <summary>The rows in date order.</summary>
    public IReadOnlyList<FactorRow> Rows => rows;

    /// <summary>Reads a factor file.</summary>
    /// <exception cref="DataFileException">A row is malformed, a factor is not positive, or dates are not increasing.</exception>
    public static LeanFactorFile Read(string path)
    {
        using var file = DataTextReader.Open(path);
        var list = new List<FactorRow>();
        while (file.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length < 3)
            {
                throw file.Error($"expected YYYYMMDD,priceFactor,splitFactor,referencePrice, found {fields.Length} fields");
            }

            if (!DateOnly.TryParseExact(fields[0].Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw file.Error($"date '{fields[0]}' is not YYYYMMDD");
            }

            var row = new FactorRow(date, Factor(fields[1], "price factor"), Factor(fields[2], "split factor"),
                fields.Length > 3 && decimal.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var reference) ? reference : 0m);
            if (list.Count > 0 && row.Date <= list[^1].Date)
            {
                throw file.Error($"date {date:yyyy-MM-dd} is not after the previous row's {list[^1].Date:yyyy-MM-dd}");
            }

            list.Add(row);
        }

        return list.Count == 0 ? throw file.FileError("the factor file has no rows") : new LeanFactorFile([.. list]);

        decimal Factor(string text, string name) =>
            decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0m
                ? value
                : throw file.Error($"{name} '{text}' is not a positive number");
    }

    /// <summary>The factors for a date: the first row dated on or after it (1, 1 after the last row).</summary>
    public FactorRow For(DateOnly date)
    {
        var low = 0;
        var high = rows.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (rows[mid].Date < date)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low < rows.Length ? rows[low] : new FactorRow(date, 1m, 1m, 0m);
    }

    /// <summary>
    /// Adjusts bars (streaming). The date of a bar is the date of its open time in <paramref name="zone"/>
    /// (New York when null: LEAN's equity dates).
    /// </summary>
    /// <param name="bars">Raw bars of the file's symbol.</param>
    /// <param name="mode">The adjustment; <see cref="PriceAdjustment.Raw"/> returns the bars unchanged.</param>
    /// <param name="zone">The time zone of the factor file's dates.</param>
    public IEnumerable<Bar> Adjust(IEnumerable<Bar> bars, PriceAdjustment mode, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (mode == PriceAdjustment.Raw)
        {
            return bars;
        }

        zone ??= LeanBarReader.NewYork;
        return bars.Select(bar =>
        {
            var factors = For(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(bar.OpenTime, zone)));
            var price = mode == PriceAdjustment.Adjusted ? factors.PriceFactor * factors.SplitFactor : factors.SplitFactor;
            return bar with
            {
                Open = bar.Open.Value * price,
                High = bar.High.Value * price,
                Low = bar.Low.Value * price,
                Close = bar.Close.Value * price,
                Volume = bar.Volume.Value / factors.SplitFactor,
            };
        });
    }
}
