using System.Globalization;
using Bourse.Sdk.Orders;
using CsvHelper;

namespace Bourse.Cli.Reports;

/// <summary>
/// The trade list of a backtest as CSV (RFC 4180, header row, invariant culture): one row per fill with
/// <c>timestamp</c> (UTC, ISO 8601), <c>order_id</c>, <c>trade_id</c>, <c>instrument</c>, <c>side</c> (buy/sell),
/// <c>price</c> (quote currency), <c>quantity</c> (base units), <c>notional</c> (price × quantity),
/// <c>commission</c> and <c>commission_currency</c>.
/// </summary>
internal static class TradeListCsv
{
    /// <summary>The header row.</summary>
    public static readonly string[] Columns = ["timestamp", "order_id", "trade_id", "instrument", "side", "price", "quantity", "notional", "commission", "commission_currency"];

    /// <summary>Writes <paramref name="fills"/> to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<OrderFilled> fills, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.ToFile(path, null, FileOptions.Asynchronous);
        csv.WriteHeader(Columns);
        foreach (var f in fills)
        {
            await csv.WriteRecordAsync(
                [
                    f.Timestamp.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    f.OrderId.Value,
                    f.TradeId.Value,
                    f.Instrument.ToString(),
                    f.Side.ToString().ToLowerInvariant(),
                    Number(f.FillPrice.Value),
                    Number(f.FillQuantity.Value),
                    Number(f.FillPrice.Value * f.FillQuantity.Value),
                    Number(f.Commission.Amount),
                    f.Commission.Currency,
                ],
                cancellationToken);
        }
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
