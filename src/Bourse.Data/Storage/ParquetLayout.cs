using Bourse.Sdk.Identifiers;

namespace Bourse.Data.Storage;

/// <summary>
/// How one kind of row maps to Bourse Parquet columns: the instrument, a time, int64 columns and exact decimal columns.
/// </summary>
/// <typeparam name="T">The row type (bar, trade tick, quote tick).</typeparam>
/// <param name="Kind">The file kind.</param>
/// <param name="TimeColumn">The name of the time column (ns since the Unix epoch, UTC).</param>
/// <param name="Instrument">The row's instrument.</param>
/// <param name="Time">The row's time.</param>
/// <param name="Longs">int64 columns: name and value.</param>
/// <param name="Decimals">Decimal columns: name and value.</param>
/// <param name="Create">Builds row <c>i</c> from its instrument, time and the int64 and decimal columns.</param>
internal sealed record ParquetLayout<T>(
    ParquetDataKind Kind,
    string TimeColumn,
    Func<T, InstrumentId> Instrument,
    Func<T, DateTime> Time,
    IReadOnlyList<(string Name, Func<T, long> Get)> Longs,
    IReadOnlyList<(string Name, Func<T, decimal> Get)> Decimals,
    Func<InstrumentId, DateTime, long[][], decimal[][], int, T> Create);
