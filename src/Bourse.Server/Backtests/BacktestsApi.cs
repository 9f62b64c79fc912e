using Bourse.Data.Files;
using Bourse.Persistence;
using Bourse.Server.Audit;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Bourse.Server.Market;
using Bourse.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Backtests;

/// <summary>
/// Maps <c>/api/v1/backtests</c>: start a backtest on the server's data files, read one (status, progress, report), list
/// them, list the instruments the data files hold. A backtest belongs to the user who started it (admins see all); another user's is a 404.
/// </summary>
public static class BacktestsApi
{
    private const int MaxLimit = 500;

    /// <summary>Registers the backtest services.</summary>
    public static IServiceCollection AddBacktests(this IServiceCollection services) => services
        .AddSingleton<BacktestData>()
        .AddSingleton<BacktestRegistry>()
        .AddSingleton<BacktestLauncher>();

    /// <summary>Maps the backtest endpoints.</summary>
    public static IEndpointRouteBuilder MapBacktestsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/backtests").WithTags("Backtests");
        group.MapPost("/", Start)
            .WithName("StartBacktest")
            .WithSummary("Start a backtest of a strategy on the server's data files")
            .WithDescription("Runs in the background: answers 202 at once with the backtest (status running); GET /api/v1/backtests/{backtestId} follows its progress (fraction of bars replayed) and has its report (statistics, equity curve, trades) once completed. "
                + "400 names the field at fault: plugin_id, symbols, starting_cash, risk.<field>, parameters.<name>. A strategy that hits Runs:MaxErrors fails its backtest (status failed, error says why). Rate limited (RateLimits:TradingPerMinute).")
            .RequireRateLimiting(RateLimits.TradingPolicy)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/{backtestId}", Get)
            .WithName("GetBacktest")
            .WithSummary("A backtest: status, progress and, once ended, its report")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", List)
            .WithName("ListBacktests")
            .WithSummary("List backtests, newest first (without their reports)")
            .WithDescription("Filter status (running, completed, failed); limit 1..500 (default 50), offset ≥ 0.")
            .ProducesValidationProblem();
        group.MapGet("/instruments", Instruments)
            .WithName("ListBacktestInstruments")
            .WithSummary("Instruments a backtest can replay: those of the server's data files")
            .WithDescription("The instruments of the bar files under MarketData:DataPath (what POST /api/v1/backtests takes as symbols), ordered by id; read at each call, so new files count. 503 when the data files cannot be read.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<Results<Accepted<Envelope<BacktestDto>>, ValidationProblem>> Start(
        StartBacktestRequest request, CurrentUser user, BacktestLauncher launcher, AuditLog audit, CancellationToken cancellationToken)
    {
        var start = await launcher.StartAsync(request, user, cancellationToken);
        if (start is not { Job: { } job, Row: { } row })
        {
            return Problems.Invalid(start.Errors!, string.Join(" ", start.Errors!.SelectMany(e => e.Value)));
        }

        await audit.RecordAsync(user, "backtest.started", job.Id, $"plugin {row.PluginId}");
        return TypedResults.Accepted($"/api/v1/backtests/{job.Id}", Envelope.Of("Backtest started.", BacktestDto.From(row, job.Progress.Fraction, withReport: false)));
    }

    private static async Task<Results<Ok<Envelope<BacktestDto>>, ProblemHttpResult>> Get(
        Guid backtestId, CurrentUser user, IDbContextFactory<BourseDbContext> contexts, BacktestRegistry registry, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Backtests.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(b => b.Id == backtestId, cancellationToken);
        return row is null
            ? Problems.NotFound("Backtest", backtestId, "backtest_id")
            : TypedResults.Ok(Envelope.Of($"Backtest {row.Status}.", BacktestDto.From(row, Running(registry, row), withReport: true)));
    }

    private static async Task<Results<Ok<Envelope<BacktestPage>>, ValidationProblem>> List(
        CurrentUser user, IDbContextFactory<BourseDbContext> contexts, BacktestRegistry registry, CancellationToken cancellationToken,
        [FromQuery] string? status = null, [FromQuery] int limit = 50, [FromQuery] int offset = 0)
    {
        if (Problems.Paging(limit, offset, MaxLimit) is { } problem)
        {
            return problem;
        }

        if (status is not (null or "running" or "completed" or "failed"))
        {
            return Problems.Invalid("status", $"status must be running, completed or failed (was '{status}').");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Backtests.AsNoTracking().VisibleTo(user);
        if (status is not null)
        {
            query = query.Where(b => b.Status == status);
        }

        var count = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(b => b.CreatedAt).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        var page = new BacktestPage([.. rows.Select(r => BacktestDto.From(r, Running(registry, r), withReport: false))], count, limit, offset);
        return TypedResults.Ok(Envelope.Of($"{rows.Count} of {count} backtest(s).", page));
    }

    private static Results<Ok<Envelope<IReadOnlyList<InstrumentDto>>>, ProblemHttpResult> Instruments(BacktestData data)
    {
        try
        {
            IReadOnlyList<InstrumentDto> list = [.. data.Instruments().Select(InstrumentDto.From)];
            return TypedResults.Ok(Envelope.Of($"{list.Count} instrument(s) in the data files.", list));
        }
        catch (Exception e) when (e is DataFileException or DirectoryNotFoundException or IOException)
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "The data files cannot be read.", e.Message);
        }
    }

    /// <summary>A running backtest's progress from memory (its row has it only at the end).</summary>
    private static double? Running(BacktestRegistry registry, Persistence.Entities.BacktestEntity row) =>
        row.Status == "running" ? registry.Find(row.Id)?.Progress.Fraction : null;
}
