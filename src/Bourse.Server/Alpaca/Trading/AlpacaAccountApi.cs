using System.Globalization;
using Bourse.Data.Feeds;
using Bourse.Persistence;
using Bourse.Server.Auth;
using Bourse.Server.Trading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Alpaca.Trading;

/// <summary>
/// Alpaca's account endpoints beyond <c>/v2/account</c>, over the caller's paper brokerage account:
/// <c>/v2/account/configurations</c> (GET, PATCH; stored per user, <c>suspend_trade</c> and <c>no_shorting</c> enforced on
/// order placement), <c>/v2/account/activities</c> and <c>/v2/account/activities/{activity_type}</c> (the fills and their
/// commissions, <see cref="AlpacaActivities"/>) and <c>/v2/account/portfolio/history</c> (equity computed from the fills and
/// the stored bars, <see cref="EquityHistory"/>). Errors are Alpaca's <c>{code, message}</c>: 422 for a bad parameter (named first).
/// </summary>
public static class AlpacaAccountApi
{
    private const int MaxPageSize = 100;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAlpacaAccountApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapAlpacaGroup("Alpaca: trading");
        group.MapGet("/account/configurations", GetConfigurations).WithName("AlpacaGetAccountConfigurations").WithSummary("The account configuration");
        group.MapPatch("/account/configurations", UpdateConfigurations).WithName("AlpacaUpdateAccountConfigurations").WithSummary("Changes the account configuration")
            .WithDescription("suspend_trade: true refuses new orders (403); no_shorting: true refuses a sell larger than the long position (403). The other settings are stored and echoed: the paper account has no margin, day trading or e-mail rules.");
        const string activitiesDescription = "FILL (one per fill: type fill or partial_fill, with the order's cum_qty and leaves_qty after it) and FEE (a fill's commission, net_amount negative): "
            + "a paper account has no other cash movement. activity_types: comma-separated; date (yyyy-MM-dd, New York) or after/until (RFC 3339, exclusive); direction desc (default) or asc; "
            + "page_size 1..100 (default 100); page_token: the id of the last activity of the previous page.";
        group.MapGet("/account/activities", (HttpRequest request, CurrentUser user, Services services, CancellationToken cancellationToken, [FromQuery(Name = "activity_types")] string? activityTypes = null) =>
                Activities(request, user, services, activityTypes, cancellationToken))
            .WithName("AlpacaListAccountActivities").WithSummary("Account activities").WithDescription(activitiesDescription);
        group.MapGet("/account/activities/{activity_type}", (HttpRequest request, [FromRoute(Name = "activity_type")] string activityType, CurrentUser user, Services services, CancellationToken cancellationToken) =>
                Activities(request, user, services, activityType, cancellationToken))
            .WithName("AlpacaListAccountActivitiesOfType").WithSummary("Account activities of one type").WithDescription(activitiesDescription);
        group.MapGet("/account/portfolio/history", PortfolioHistory).WithName("AlpacaGetPortfolioHistory").WithSummary("The account's equity and P&L over time")
            .WithDescription("period (number + D, W, M or A; default 1M), timeframe (1Min, 5Min, 15Min, 1H, 1D; default by period), start or date_start, end, date_end, "
                + "intraday_reporting (market_hours default, extended_hours, continuous), pnl_reset (per_day default, no_reset). extended_hours and cashflow_types are accepted and ignored. "
                + "Equity at each point is the starting cash plus the fills' cash flows up to it, with the positions marked to the last stored bar close; profit_loss_pct = equity / base − 1.");
        return endpoints;
    }

    /// <summary>The services the account endpoints use (bound from the container).</summary>
    internal sealed record Services(BrokerAccounts Accounts, AccountConfigurations Configurations, BrokerTrades Trades, EquityHistory Equity, AlpacaSymbols Symbols,
        IMarketDataFeed Feed, IDbContextFactory<BourseDbContext> Contexts)
    {
        /// <summary>Binds the services (minimal APIs' BindAsync convention).</summary>
        public static ValueTask<Services?> BindAsync(HttpContext http)
        {
            var sp = http.RequestServices;
            return ValueTask.FromResult<Services?>(new Services(
                sp.GetRequiredService<BrokerAccounts>(), sp.GetRequiredService<AccountConfigurations>(), sp.GetRequiredService<BrokerTrades>(),
                sp.GetRequiredService<EquityHistory>(), sp.GetRequiredService<AlpacaSymbols>(), sp.GetRequiredService<IMarketDataFeed>(),
                sp.GetRequiredService<IDbContextFactory<BourseDbContext>>()));
        }
    }

    private static async Task<Ok<AlpacaAccountConfigurationDto>> GetConfigurations(CurrentUser user, AccountConfigurations configurations, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToAlpaca(await configurations.GetAsync(user.Id, cancellationToken)));

    private static async Task<Results<Ok<AlpacaAccountConfigurationDto>, JsonHttpResult<AlpacaError>>> UpdateConfigurations(
        AlpacaAccountConfigurationRequest? request, CurrentUser user, AccountConfigurations configurations, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return AlpacaErrors.Unprocessable("the request body must be an object of account configurations");
        }

        var problem = request switch
        {
            { DtbpCheck: not (null or "both" or "entry" or "exit") } => $"dtbp_check: must be both, entry or exit (was '{request.DtbpCheck}')",
            { PdtCheck: not (null or "both" or "entry" or "exit") } => $"pdt_check: must be both, entry or exit (was '{request.PdtCheck}')",
            { TradeConfirmEmail: not (null or "all" or "none") } => $"trade_confirm_email: must be all or none (was '{request.TradeConfirmEmail}')",
            { MaxMarginMultiplier: not (null or 1m or 2m or 4m) } => $"max_margin_multiplier: must be 1, 2 or 4 (was '{request.MaxMarginMultiplier}')",
            _ => null,
        };
        if (problem is not null)
        {
            return AlpacaErrors.Unprocessable(problem);
        }

        var current = await configurations.GetAsync(user.Id, cancellationToken);
        var changed = new AccountConfiguration(
            request.DtbpCheck ?? current.DtbpCheck, request.TradeConfirmEmail ?? current.TradeConfirmEmail, request.SuspendTrade ?? current.SuspendTrade,
            request.NoShorting ?? current.NoShorting, request.FractionalTrading ?? current.FractionalTrading, request.MaxMarginMultiplier ?? current.MaxMarginMultiplier,
            request.PdtCheck ?? current.PdtCheck, request.PtpNoExceptionEntry ?? current.PtpNoExceptionEntry);
        return TypedResults.Ok(ToAlpaca(await configurations.SetAsync(user.Id, changed, cancellationToken)));
    }

    private static async Task<Results<Ok<List<AlpacaActivityDto>>, JsonHttpResult<AlpacaError>>> Activities(
        HttpRequest request, CurrentUser user, Services services, string? activityTypes, CancellationToken cancellationToken)
    {
        var types = (activityTypes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        if (types.FirstOrDefault(t => !AlpacaActivities.Known.Contains(t)) is { } unknown)
        {
            return AlpacaErrors.Unprocessable($"activity_types: unknown activity type '{unknown}'");
        }

        string? Text(string name) => request.Query[name].FirstOrDefault() is { Length: > 0 } text ? text : null;
        var (date, after, until, direction, pageSizeText, pageToken) = (Text("date"), Text("after"), Text("until"), Text("direction"), Text("page_size"), Text("page_token"));
        DateOnly parsedDate = default;
        var problem = (date, after, until, direction, pageSizeText) switch
        {
            ({ } d, _, _, _, _) when !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out parsedDate) => $"date: must be a date yyyy-MM-dd (was '{d}')",
            (not null, _, _, _, _) when after is not null || until is not null => "date: cannot be combined with after or until",
            (_, { } a, _, _, _) when !AlpacaTradingApi.TryTime(a, out _) => $"after: must be an RFC 3339 time or a date (was '{a}')",
            (_, _, { } u, _, _) when !AlpacaTradingApi.TryTime(u, out _) => $"until: must be an RFC 3339 time or a date (was '{u}')",
            (_, _, _, not (null or "asc" or "desc"), _) => $"direction: must be asc or desc (was '{direction}')",
            (_, _, _, _, { } p) when !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > MaxPageSize => $"page_size: must be within 1..{MaxPageSize} (was '{p}')",
            _ => null,
        };
        if (problem is not null)
        {
            return AlpacaErrors.Unprocessable(problem);
        }

        var account = await services.Accounts.GetOrCreateAsync(user, cancellationToken);
        if (pageToken is not null && !AlpacaActivities.IsToken(account, pageToken))
        {
            return AlpacaErrors.Unprocessable($"page_token: '{pageToken}' is not an activity id of this account");
        }

        AlpacaTradingApi.TryTime(after, out var afterTime);
        AlpacaTradingApi.TryTime(until, out var untilTime);
        var query = new AlpacaActivityQuery(
            types.Count == 0 ? null : types, date is null ? null : parsedDate, afterTime, untilTime, direction == "asc",
            pageSizeText is null ? MaxPageSize : int.Parse(pageSizeText, CultureInfo.InvariantCulture), pageToken);
        var trades = await services.Trades.ReadAsync(account, cancellationToken);
        return TypedResults.Ok(AlpacaActivities.Page(account, trades, query, services.Symbols));
    }

    private static async Task<Results<Ok<AlpacaPortfolioHistoryDto>, JsonHttpResult<AlpacaError>>> PortfolioHistory(
        HttpRequest request, CurrentUser user, Services services, CancellationToken cancellationToken)
    {
        var now = services.Feed.Clock.GetUtcNow().UtcDateTime;
        var (query, error) = AlpacaPortfolioHistory.Parse(request.Query, now);
        if (query is null)
        {
            return AlpacaErrors.Unprocessable(error!);
        }

        var account = await services.Accounts.GetOrCreateAsync(user, cancellationToken);
        var points = await FirstStoredBarAsync(services, cancellationToken) is { } firstData ? query.Points(firstData, now) : [];

        // Value every instant needed at once (ascending): the window start (base_value), each point, and each point's day start (per-day P&L).
        var instants = points.SelectMany(p => new[] { p.ValuedAt, p.DayStart }).Append(query.Start).Distinct().Order().ToList();
        var values = await services.Equity.AtAsync(account, instants, cancellationToken);
        var equityAt = instants.Select((t, i) => (t, v: values[i])).ToDictionary(x => x.t, x => x.v);
        var baseValue = equityAt[query.Start];
        var bases = points.Select(p => query.ResetPerDay && p.DayStart > query.Start ? p.DayStart : query.Start).ToList();
        var equity = points.Select(p => AlpacaOrderMapping.Plain(equityAt[p.ValuedAt])).ToList();
        var profitLoss = points.Select((p, i) => AlpacaOrderMapping.Plain(equityAt[p.ValuedAt] - equityAt[bases[i]])).ToList();
        var profitLossPct = points.Select((p, i) => equityAt[bases[i]] == 0m ? 0m : AlpacaOrderMapping.Plain(Math.Round((equityAt[p.ValuedAt] / equityAt[bases[i]]) - 1m, 10))).ToList();
        var firstBase = bases.Count > 0 ? bases[0] : query.Start;
        return TypedResults.Ok(new AlpacaPortfolioHistoryDto(
            [.. points.Select(p => new DateTimeOffset(p.Timestamp, TimeSpan.Zero).ToUnixTimeSeconds())],
            equity, profitLoss, profitLossPct, AlpacaOrderMapping.Plain(query.ResetPerDay ? equityAt[firstBase] : baseValue),
            AlpacaPortfolioHistory.NewYorkDate(firstBase).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), query.Timeframe));
    }

    /// <summary>The open time of the first bar stored of any of the feed's instruments, or null when none is.</summary>
    private static async Task<DateTime?> FirstStoredBarAsync(Services services, CancellationToken cancellationToken)
    {
        await using var db = await services.Contexts.CreateDbContextAsync(cancellationToken);
        DateTime? first = null;
        foreach (var symbol in services.Feed.Instruments.Select(i => i.Id.ToString()))
        {
            var open = await db.Bars.AsNoTracking().Where(b => b.Symbol == symbol).OrderBy(b => b.OpenTime).Select(b => (DateTime?)b.OpenTime).FirstOrDefaultAsync(cancellationToken);
            if (open is { } o && (first is null || o < first))
            {
                first = DateTime.SpecifyKind(o, DateTimeKind.Utc);
            }
        }

        return first;
    }

    private static AlpacaAccountConfigurationDto ToAlpaca(AccountConfiguration c) => new(
        c.DtbpCheck, c.TradeConfirmEmail, c.SuspendTrade, c.NoShorting, c.FractionalTrading, AlpacaOrderMapping.Plain(c.MaxMarginMultiplier), c.PdtCheck, c.PtpNoExceptionEntry);
}
