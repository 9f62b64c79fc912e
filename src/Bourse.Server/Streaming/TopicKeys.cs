using System.Globalization;
using System.Text.Json;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Server.Streaming;

/// <summary>A valid subscription: its route, its canonical topic key, and the run or the instrument it is about.</summary>
/// <param name="Route">bars, quotes, orders, positions, executions, equity or runs.</param>
/// <param name="Key">The canonical topic key (see <see cref="TopicKeys"/>).</param>
/// <param name="RunId">The run of a run route's <c>run_id</c> parameter; null for all of the caller's runs or a market route.</param>
/// <param name="Instrument">The instrument of a market route (bars, quotes); null for a run route.</param>
public sealed record TopicRequest(string Route, string Key, Guid? RunId, InstrumentId? Instrument = null);

/// <summary>The outcome of parsing a subscription: a request, or the parameter at fault and why.</summary>
public sealed record TopicParse(TopicRequest? Request, string? Field, string? Error);

/// <summary>
/// The routes of <c>/ws</c> and their topic keys. A topic key is the route plus its parameters sorted by name,
/// URL-query style, with normalized values: <c>bars?symbol=BTCUSD.COINBASE&amp;timeframe=1m</c>, <c>quotes?symbol=SPY.NASDAQ</c>,
/// <c>orders</c> (all of the caller's runs), <c>orders?run_id=5f0c…</c> (one run; a lower-case hyphenated GUID).
/// Equal subscriptions therefore share one key whatever the order, case or defaults the client wrote.
/// </summary>
public static class TopicKeys
{
    /// <summary>Bars: <c>symbol</c> (SYMBOL.VENUE, required), <c>timeframe</c> (1m, 5m, 1h, 1d…; default 1m).</summary>
    public const string Bars = "bars";

    /// <summary>Best bid/ask quotes: <c>symbol</c> (required).</summary>
    public const string Quotes = "quotes";

    /// <summary>Order events (placed, updated, filled, rejected): <c>run_id</c> (optional).</summary>
    public const string Orders = "orders";

    /// <summary>Position changes: <c>run_id</c> (optional).</summary>
    public const string Positions = "positions";

    /// <summary>Fills (trades executed): <c>run_id</c> (optional).</summary>
    public const string Executions = "executions";

    /// <summary>Account cash, equity and P&amp;L: <c>run_id</c> (optional).</summary>
    public const string Equity = "equity";

    /// <summary>Run lifecycle, signals, logs and risk events: <c>run_id</c> (optional).</summary>
    public const string Runs = "runs";

    /// <summary>Every route, in documentation order.</summary>
    public static IReadOnlyList<string> Routes { get; } = [Bars, Quotes, Orders, Positions, Executions, Equity, Runs];

    /// <summary>What a client does with a route's topic: the action is <c>{route}.{verb}</c>.</summary>
    public static IReadOnlyList<string> Verbs { get; } = ["subscribe", "unsubscribe"];

    private const string DefaultTimeframe = "1m";

    /// <summary>True for the routes whose updates belong to a run (and so to its owner).</summary>
    public static bool IsRunRoute(string route) => route is Orders or Positions or Executions or Equity or Runs;

    /// <summary>The key of the bars topic of <paramref name="instrument"/> at <paramref name="period"/>.</summary>
    public static string ForBars(InstrumentId instrument, BarPeriod period) => $"{Bars}?symbol={instrument}&timeframe={period}";

    /// <summary>The key of the quotes topic of <paramref name="instrument"/>.</summary>
    public static string ForQuotes(InstrumentId instrument) => $"{Quotes}?symbol={instrument}";

    /// <summary>The key of a run route's topic: all runs (<paramref name="runId"/> null) or one run.</summary>
    public static string ForRun(string route, Guid? runId) =>
        runId is { } id ? $"{route}?run_id={id.ToString("D", CultureInfo.InvariantCulture)}" : route;

    /// <summary>
    /// Validates a subscription to <paramref name="route"/> with <paramref name="parameters"/> (strings; numbers are
    /// taken as their text) and returns its canonical key, or the field at fault (<c>route</c> or the parameter) and a
    /// message naming what is allowed.
    /// </summary>
    public static TopicParse Parse(string route, IReadOnlyDictionary<string, JsonElement>? parameters)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters ?? new Dictionary<string, JsonElement>())
        {
            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
            if (text is null)
            {
                return Fail(name, $"Parameter '{name}' must be a string.");
            }

            given[name.ToLowerInvariant()] = text.Trim();
        }

        return route switch
        {
            Bars => Market(route, given, timeframe: true),
            Quotes => Market(route, given, timeframe: false),
            _ when IsRunRoute(route) => Run(route, given),
            _ => Fail("route", $"Unknown route '{route}'; routes are {string.Join(", ", Routes)}."),
        };
    }

    private static TopicParse Market(string route, Dictionary<string, string> given, bool timeframe)
    {
        string[] allowed = timeframe ? ["symbol", "timeframe"] : ["symbol"];
        if (Unknown(route, given, allowed) is { } unknown)
        {
            return unknown;
        }

        if (!given.TryGetValue("symbol", out var symbol) || symbol.Length == 0)
        {
            return Fail("symbol", $"Route '{route}' needs a 'symbol' parameter (SYMBOL.VENUE, e.g. BTCUSD.COINBASE).");
        }

        if (!InstrumentId.TryParse(symbol.ToUpperInvariant(), out var instrument))
        {
            return Fail("symbol", $"'{symbol}' is not an instrument id of the form SYMBOL.VENUE (e.g. BTCUSD.COINBASE).");
        }

        if (!timeframe)
        {
            return new TopicParse(new TopicRequest(route, ForQuotes(instrument), null, instrument), null, null);
        }

        BarPeriod period;
        try
        {
            period = BarPeriod.Parse(given.GetValueOrDefault("timeframe", DefaultTimeframe));
        }
        catch (FormatException e)
        {
            return Fail("timeframe", e.Message);
        }

        return new TopicParse(new TopicRequest(route, ForBars(instrument, period), null, instrument), null, null);
    }

    private static TopicParse Run(string route, Dictionary<string, string> given)
    {
        if (Unknown(route, given, ["run_id"]) is { } unknown)
        {
            return unknown;
        }

        if (!given.TryGetValue("run_id", out var text))
        {
            return new TopicParse(new TopicRequest(route, ForRun(route, null), null), null, null);
        }

        return Guid.TryParse(text, out var runId)
            ? new TopicParse(new TopicRequest(route, ForRun(route, runId), runId), null, null)
            : Fail("run_id", $"'{text}' is not a run id (a GUID).");
    }

    private static TopicParse? Unknown(string route, Dictionary<string, string> given, string[] allowed) =>
        given.Keys.FirstOrDefault(k => !allowed.Contains(k)) is { } name
            ? Fail(name, $"Route '{route}' has no parameter '{name}'; its parameters are {string.Join(", ", allowed)}.")
            : null;

    private static TopicParse Fail(string field, string message) => new(null, field, message);
}
