using System.Globalization;
using Bourse.Engine.Calendars;
using Bourse.Sdk.Orders;
using Bourse.Server.Trading;

namespace Bourse.Server.Alpaca.Trading;

/// <summary>What <c>GET /v2/account/activities</c> selects.</summary>
/// <param name="Types">Activity types to keep (FILL, FEE); null: all.</param>
/// <param name="Date">Only activities of this New York date.</param>
/// <param name="After">Only activities strictly after this time, UTC.</param>
/// <param name="Until">Only activities strictly before this time, UTC.</param>
/// <param name="Ascending">Oldest first (direction=asc); newest first by default.</param>
/// <param name="PageSize">At most this many (1..100).</param>
/// <param name="PageToken">The id of the last activity of the previous page: this page starts after it in the listing's direction.</param>
public sealed record AlpacaActivityQuery(IReadOnlySet<string>? Types, DateOnly? Date, DateTime? After, DateTime? Until, bool Ascending, int PageSize, string? PageToken);

/// <summary>
/// An account's activities in Alpaca's form, derived from its stored executions (<see cref="BrokerTrades"/>): one
/// FILL per fill (type fill when it completed its order, else partial_fill, with the order's cum_qty and leaves_qty
/// after it) and one FEE per fill that paid a commission (net_amount = −commission). These are the only cash movements
/// of a paper account: it is opened with its starting cash (no deposit is recorded) and has no transfers, dividends or interest.
/// </summary>
public static class AlpacaActivities
{
    /// <summary>Alpaca's activity types (any is accepted in a filter; those Bourse never produces select nothing).</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "FILL", "TRANS", "MISC", "ACATC", "ACATS", "CFEE", "CSD", "CSW", "DIV", "DIVCGL", "DIVCGS", "DIVFEE", "DIVFT", "DIVNRA",
        "DIVROC", "DIVTW", "DIVTXEX", "FEE", "INT", "INTNRA", "INTTW", "JNL", "JNLC", "JNLS", "MA", "NC", "OPASN", "OPEXP",
        "OPXRC", "PTC", "PTR", "REORG", "SC", "SSO", "SSP",
    };

    private const string TimeFormat = "yyyyMMddHHmmssfff";

    /// <summary>
    /// The page of <paramref name="trades"/>' activities that <paramref name="query"/> selects, ordered by time (then
    /// fill, then FILL before FEE) in its direction.
    /// </summary>
    public static List<AlpacaActivityDto> Page(BrokerAccount account, IEnumerable<BrokerTrade> trades, AlpacaActivityQuery query, AlpacaSymbols symbols)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(symbols);
        var after = query.PageToken is { } token ? KeyOf(account, token) : null;
        var selected = trades.SelectMany(t => Of(account, t, symbols))
            .Where(a => query.Types is null || query.Types.Contains(a.Dto.ActivityType))
            .Where(a => query.Date is null || DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(a.Key.Time, UsEquityCalendar.NewYork)) == query.Date)
            .Where(a => (query.After is null || a.Key.Time > query.After) && (query.Until is null || a.Key.Time < query.Until))
            .Where(a => after is not { } last || (query.Ascending ? a.Key.CompareTo(last) > 0 : a.Key.CompareTo(last) < 0));
        var ordered = query.Ascending ? selected.OrderBy(a => a.Key) : selected.OrderByDescending(a => a.Key);
        return [.. ordered.Take(query.PageSize).Select(a => a.Dto)];
    }

    /// <summary>True when <paramref name="token"/> is an activity id of this account's form (time::uuid of the account).</summary>
    public static bool IsToken(BrokerAccount account, string token) => KeyOf(account, token) is not null;

    private static IEnumerable<(ActivityKey Key, AlpacaActivityDto Dto)> Of(BrokerAccount account, BrokerTrade t, AlpacaSymbols symbols)
    {
        var symbol = symbols.TryGet(t.Instrument, out var asset) ? asset.Symbol : t.Instrument.Symbol;
        var side = t.Side == Side.Buy ? "buy" : "sell";
        var fill = new ActivityKey(t.Time.AddTicks(-(t.Time.Ticks % TimeSpan.TicksPerMillisecond)), t.Sequence, Kind: 0); // the id's precision
        var done = t.LeavesQuantity == 0m;
        yield return (fill, new AlpacaActivityDto(
            Id(account, fill), "FILL", t.Time, done ? "fill" : "partial_fill", Plain(t.Price), Plain(t.Quantity), side, symbol,
            Plain(t.LeavesQuantity), Plain(t.CumulativeQuantity), t.OrderId.ToString(), done ? "filled" : "partially_filled",
            null, null, null, null));
        if (t.Commission != 0m)
        {
            var fee = fill with { Kind = 1 };
            yield return (fee, new AlpacaActivityDto(
                Id(account, fee), "FEE", null, null, null, Plain(t.Quantity), side, symbol, null, null, t.OrderId.ToString(), null,
                DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(t.Time, UsEquityCalendar.NewYork)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Plain(-t.Commission), $"commission on the {side} of {Plain(t.Quantity)} {symbol} at {Plain(t.Price)} ({t.CommissionCurrency})", "executed"));
        }
    }

    private static decimal Plain(decimal value) => AlpacaOrderMapping.Plain(value);

    /// <summary>An activity's id: its time and a UUID made of the account id's first three groups, the kind (0 fill, 1 fee) and the fill's row id.</summary>
    private static string Id(BrokerAccount account, ActivityKey key) =>
        string.Create(CultureInfo.InvariantCulture, $"{key.Time.ToString(TimeFormat, CultureInfo.InvariantCulture)}::{account.Id.ToString("D")[..19]}{key.Kind:x4}-{key.Sequence:x12}");

    private static ActivityKey? KeyOf(BrokerAccount account, string token)
    {
        var parts = token.Split("::");
        var prefix = account.Id.ToString("D")[..19];
        return parts.Length == 2
            && DateTime.TryParseExact(parts[0], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            && parts[1].Length == 36 && parts[1].StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(parts[1].AsSpan(19, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var kind)
            && long.TryParse(parts[1].AsSpan(24), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var sequence)
            ? new ActivityKey(time, sequence, kind)
            : null;
    }

    /// <summary>An activity's place in the listing: time (whole milliseconds), then the fill's row id, then FILL (0) before FEE (1).</summary>
    private readonly record struct ActivityKey(DateTime Time, long Sequence, int Kind) : IComparable<ActivityKey>
    {
        public int CompareTo(ActivityKey other) =>
            Time != other.Time ? Time.CompareTo(other.Time) : Sequence != other.Sequence ? Sequence.CompareTo(other.Sequence) : Kind.CompareTo(other.Kind);
    }
}
