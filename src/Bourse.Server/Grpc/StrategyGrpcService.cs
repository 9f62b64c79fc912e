using Bourse.Engine.Backtesting;
using Bourse.Grpc.V1;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Persistence.Writing;
using Bourse.Server.Audit;
using Bourse.Server.Auth;
using Bourse.Server.Backtests;
using Bourse.Server.Plugins;
using Bourse.Server.Runs;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RunStatus = Bourse.Grpc.V1.RunStatus;

namespace Bourse.Server.Grpc;

/// <summary>
/// <c>bourse.v1.Strategy</c>: the catalogue, live paper runs (through <see cref="RunLauncher"/> and <see cref="RunRegistry"/>,
/// exactly as <c>/api/v1/strategies</c>) and backtests (through <see cref="BacktestLauncher"/>, as <c>/api/v1/backtests</c>).
/// A run or backtest of another user is NOT_FOUND, as over REST.
/// </summary>
internal sealed class StrategyGrpcService(
    IDbContextFactory<BourseDbContext> contexts,
    RunLauncher runs,
    RunRegistry registry,
    RunEventOutbox outbox,
    BacktestLauncher backtests,
    AuditLog audit) : Strategy.StrategyBase
{
    public override async Task<ListStrategiesResponse> ListStrategies(ListStrategiesRequest request, ServerCallContext context)
    {
        var user = context.Caller();
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var rows = await db.Plugins.AsNoTracking().VisibleTo(user).Where(p => p.DeletedAt == null)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Name).ToListAsync(context.CancellationToken);
        var response = new ListStrategiesResponse();
        response.Strategies.AddRange(rows.Select(PluginDto.From).Select(p => new StrategyInfo
        {
            Id = p.Id.ToString(),
            Name = p.Name,
            Description = p.Description,
            RiskLevel = p.RiskLevel,
            Type = p.Type,
            Version = p.Version,
            Kind = p.Kind,
            ParametersJson = p.Parameters.GetRawText(),
        }));
        return response;
    }

    public override async Task<RunStatus> StartStrategy(StartStrategyRequest request, ServerCallContext context)
    {
        var user = context.Trader();
        var start = new StartRunRequest(
            GrpcCalls.Id(request.PluginId, "plugin_id"),
            request.ConfigId.Length == 0 ? null : GrpcCalls.Id(request.ConfigId, "config_id"),
            [.. request.Symbols],
            GrpcCalls.Json(request.Parameters),
            Risk(request.Risk));
        var outcome = await runs.StartAsync(start, user, context.CancellationToken);
        if (outcome.Run is not { } run)
        {
            throw GrpcCalls.Invalid(outcome.Errors!);
        }

        await audit.RecordAsync(user, "run.started", run.RunId, $"plugin {run.PluginId} (gRPC)");
        return ToWire(await FindAsync(run.RunId, user, context.CancellationToken) ?? throw GrpcCalls.NotFound("run", "run_id", run.RunId));
    }

    public override async Task<RunStatus> StopStrategy(RunRequest request, ServerCallContext context)
    {
        var user = context.Trader();
        var id = GrpcCalls.Id(request.RunId, "run_id");
        var row = await FindAsync(id, user, context.CancellationToken) ?? throw GrpcCalls.NotFound("run", "run_id", id);
        try
        {
            await (registry.Find(id) ?? throw new InvalidOperationException($"Run {id} is {row.Status}.")).StopAsync("stopped by request", context.CancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw GrpcCalls.Failure(StatusCode.FailedPrecondition, "run_id", $"The run is not running: {e.Message}");
        }

        if (!await outbox.FlushAsync(TimeSpan.FromSeconds(30), context.CancellationToken))
        {
            throw GrpcCalls.Failure(StatusCode.Unavailable, "run_id", "The run stopped but its events are not stored yet; read its status again.");
        }

        await audit.RecordAsync(user, "run.stopped", id, "gRPC");
        return ToWire((await FindAsync(id, user, context.CancellationToken))!);
    }

    public override async Task<RunStatus> GetStrategyStatus(RunRequest request, ServerCallContext context)
    {
        var user = context.Caller();
        var id = GrpcCalls.Id(request.RunId, "run_id");
        return ToWire(await FindAsync(id, user, context.CancellationToken) ?? throw GrpcCalls.NotFound("run", "run_id", id));
    }

    public override async Task RunBacktest(RunBacktestRequest request, IServerStreamWriter<BacktestUpdate> responseStream, ServerCallContext context)
    {
        var user = context.Trader();
        var start = await backtests.StartAsync(
            new StartBacktestRequest(
                GrpcCalls.Id(request.PluginId, "plugin_id"), [.. request.Symbols], GrpcCalls.Json(request.Parameters),
                GrpcCalls.Decimal(request.StartingCash, "starting_cash"), Risk(request.Risk)),
            user,
            context.CancellationToken);
        if (start.Job is not { } job)
        {
            throw GrpcCalls.Invalid(start.Errors!);
        }

        await audit.RecordAsync(user, "backtest.started", job.Id, $"plugin {request.PluginId} (gRPC)");
        var id = job.Id.ToString();
        await foreach (var progress in job.WatchAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(
                new BacktestUpdate { BacktestId = id, Progress = new Bourse.Grpc.V1.BacktestProgress { Fraction = progress.Fraction, BarsDone = progress.BarsDone, BarsTotal = progress.BarsTotal } },
                context.CancellationToken);
        }

        var outcome = await job.Completion.WaitAsync(context.CancellationToken);
        await responseStream.WriteAsync(new BacktestUpdate { BacktestId = id, Report = ToWire(outcome) }, context.CancellationToken);
    }

    private async Task<RunEntity?> FindAsync(Guid id, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    private static RiskRequest? Risk(RiskLimits? r) => r is null ? null : new RiskRequest(
        MaxPositionSize: GrpcCalls.Decimal(r.HasMaxPositionSize ? r.MaxPositionSize : null, "risk.max_position_size"),
        MaxPositions: r.HasMaxPositions ? r.MaxPositions : null,
        DailyLossLimit: GrpcCalls.Decimal(r.HasDailyLossLimit ? r.DailyLossLimit : null, "risk.daily_loss_limit"),
        PositionSizePct: GrpcCalls.Decimal(r.HasPositionSizePct ? r.PositionSizePct : null, "risk.position_size_pct"),
        AutoExecute: r.HasAutoExecute ? r.AutoExecute : null,
        SignalStrengthThreshold: r.HasSignalStrengthThreshold ? r.SignalStrengthThreshold : null,
        MaxOrderQuantity: GrpcCalls.Decimal(r.HasMaxOrderQuantity ? r.MaxOrderQuantity : null, "risk.max_order_quantity"),
        MaxOrderNotional: GrpcCalls.Decimal(r.HasMaxOrderNotional ? r.MaxOrderNotional : null, "risk.max_order_notional"));

    private static RunStatus ToWire(RunEntity r)
    {
        var status = new RunStatus
        {
            RunId = r.Id.ToString(),
            PluginId = r.PluginId.ToString(),
            Status = r.Status,
            StartTime = r.StartTime.Wire(),
            TotalSignals = r.TotalSignals,
            TotalTrades = r.TotalTrades,
            ClosedTrades = RunStatusDto.ClosedTradesOf(r),
            ErrorCount = r.ErrorCount,
            ProfitLoss = r.ProfitLoss.Wire(),
            LastError = r.LastError ?? "",
        };
        status.Symbols.AddRange(r.Symbols.Split(',', StringSplitOptions.RemoveEmptyEntries));
        if (r.EndTime is { } end)
        {
            status.EndTime = end.Wire();
        }

        return status;
    }

    private static Bourse.Grpc.V1.BacktestReport ToWire(BacktestOutcome outcome)
    {
        var wire = new Bourse.Grpc.V1.BacktestReport { Status = outcome.Status, Error = outcome.Error ?? "" };
        if (outcome.Report is not { } report)
        {
            return wire;
        }

        var s = report.Statistics;
        wire.Statistics = new BacktestStatistics
        {
            TotalSignals = s.TotalSignals,
            TotalOrders = s.TotalOrders,
            TotalTrades = s.TotalTrades,
            RealizedPnl = s.RealizedPnl.Wire(),
            Commissions = s.Commissions.Wire(),
            NetPnl = s.NetPnl.Wire(),
            TotalReturn = s.Performance.TotalReturn.Wire(),
            MaxDrawdown = s.Performance.MaxDrawdown.Wire(),
            WinRate = s.Performance.WinRate,
            StatisticsJson = RunStatisticsJson.Serialize(s),
        };
        if (s.Performance.SharpeRatio is { } sharpe)
        {
            wire.Statistics.SharpeRatio = sharpe;
        }

        wire.EquityCurve.AddRange(report.EquityCurve.Select(p => new Bourse.Grpc.V1.EquityPoint { Time = p.Timestamp.Wire(), Equity = p.Equity.Wire() }));
        wire.Trades.AddRange(report.Fills.Select(BacktestTradeDto.From).Select(t => new BacktestTrade
        {
            TradeId = t.TradeId,
            OrderId = t.OrderId,
            Symbol = t.Symbol,
            Side = t.Side,
            Price = t.Price.Wire(),
            Quantity = t.Quantity.Wire(),
            Commission = t.Commission.Wire(),
            Time = t.Timestamp.Wire(),
        }));
        return wire;
    }
}
