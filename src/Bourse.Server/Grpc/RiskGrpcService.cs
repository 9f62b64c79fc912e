using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Grpc.V1;
using Bourse.Server.Trading;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using CircuitBreakerLimit = Bourse.Grpc.V1.CircuitBreakerLimit;
using TradingState = Bourse.Grpc.V1.TradingState;

namespace Bourse.Server.Grpc;

/// <summary>
/// <c>bourse.v1.Risk</c>: the pre-trade risk checks (a dry run: nothing is placed), positions, limits, trading state and
/// circuit breakers of the caller's paper brokerage account (<see cref="BrokerAccounts"/>), read on the account run's loop.
/// Every call only reads, so viewers may make them too.
/// </summary>
internal sealed class RiskGrpcService(BrokerAccounts accounts) : Risk.RiskBase
{
    public override async Task<CheckOrderRiskResponse> CheckOrderRisk(PlaceOrderRequest request, ServerCallContext context)
    {
        var user = context.Caller();
        var order = GrpcOrders.ToBroker(request);
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        var check = await accounts.CheckAsync(account, order, context.CancellationToken);
        if (check.Error is { } error)
        {
            throw GrpcOrders.Refused(error);
        }

        var response = new CheckOrderRiskResponse { Accepted = check.Denials.Count == 0 };
        response.Failures.AddRange(check.Denials.Select(d => new RiskCheckFailure { Check = d.CheckName, Reason = d.Reason }));
        return response;
    }

    public override async Task<GetPositionsResponse> GetPositions(GetPositionsRequest request, ServerCallContext context)
    {
        var user = context.Caller();
        var symbols = request.Symbols.Select(s => GrpcOrders.Instrument(s, "symbols")).ToHashSet();
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        var response = new GetPositionsResponse();
        foreach (var (p, marketValue, costBasis) in await accounts.PositionsAsync(account, context.CancellationToken))
        {
            if (symbols.Count == 0 || symbols.Contains(p.Instrument))
            {
                response.Positions.Add(new Position
                {
                    Symbol = p.Instrument.ToString(),
                    Qty = p.NetQuantity.Wire(),
                    AvgEntryPrice = p.AveragePrice.Wire(),
                    MarketPrice = p.LastPrice.Wire(),
                    MarketValue = marketValue.Wire(),
                    CostBasis = costBasis.Wire(),
                    UnrealizedPnl = p.UnrealizedPnl.Wire(),
                    RealizedPnl = p.RealizedPnl.Wire(),
                    Commissions = p.Commissions.Wire(),
                });
            }
        }

        return response;
    }

    public override async Task<AccountRiskLimits> GetRiskLimits(GetRiskLimitsRequest request, ServerCallContext context)
    {
        var user = context.Caller();
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        var risk = await accounts.RiskAsync(account, context.CancellationToken);
        var l = risk.Limits;
        return new AccountRiskLimits
        {
            AccountId = account.Id.ToString(),
            TradingState = Wire(risk.State),
            TradingStateReason = risk.StateReason,
            MaxOrderQuantity = l.MaxOrderQuantity?.Wire() ?? "",
            MaxOrderNotional = l.MaxOrderNotional?.Wire() ?? "",
            MaxPositionSize = l.MaxPositionSize?.Wire() ?? "",
            MaxPositionQuantity = l.MaxPositionQuantity?.Wire() ?? "",
            MaxPositions = l.MaxPositions ?? 0,
            MaxOpenOrders = l.MaxOpenOrders ?? 0,
            OrderRateMaxOrders = l.OrderRate?.MaxOrders ?? 0,
            OrderRateWindow = l.OrderRate is { } rate ? Duration.FromTimeSpan(rate.Window) : null,
            PriceBandPct = l.PriceBandPct?.Wire() ?? "",
            DailyLossLimit = l.DailyLossLimit?.Wire() ?? "",
            DailyLossAction = GrpcOrders.Wire(l.DailyLossAction),
            MaxDrawdownPct = l.MaxDrawdownPct?.Wire() ?? "",
            DrawdownAction = GrpcOrders.Wire(l.DrawdownAction),
            EnforceTickAndLot = l.EnforceTickAndLot,
            Leverage = l.Leverage.Wire(),
            CircuitBreaker = Wire(l.CircuitBreaker),
            DayStartEquity = risk.DayStartEquity.Wire(),
            Equity = risk.Equity.Wire(),
        };
    }

    public override async Task<GetCircuitBreakerStatusResponse> GetCircuitBreakerStatus(GetCircuitBreakerStatusRequest request, ServerCallContext context)
    {
        var user = context.Caller();
        var symbols = request.Symbols.Select(s => GrpcOrders.Instrument(s, "symbols")).ToHashSet();
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        var risk = await accounts.RiskAsync(account, context.CancellationToken);
        var response = new GetCircuitBreakerStatusResponse();
        response.Breakers.AddRange(risk.CircuitBreakers
            .Where(b => symbols.Count == 0 || symbols.Contains(b.Instrument))
            .OrderBy(b => b.Instrument.ToString(), StringComparer.Ordinal)
            .Select(b => new CircuitBreakerStatus
            {
                Symbol = b.Instrument.ToString(),
                Tripped = b.IsTripped,
                HaltedUntil = b.HaltedUntil?.Wire(),
                Limit = Wire(risk.Limits.CircuitBreaker),
            }));
        return response;
    }

    private static TradingState Wire(Bourse.Engine.Risk.TradingState state) => state switch
    {
        Bourse.Engine.Risk.TradingState.Active => TradingState.Active,
        Bourse.Engine.Risk.TradingState.Reducing => TradingState.Reducing,
        _ => TradingState.Halted,
    };

    private static CircuitBreakerLimit? Wire(Bourse.Engine.Runs.CircuitBreakerLimit? limit) => limit is null ? null : new CircuitBreakerLimit
    {
        MovePct = limit.MovePct.Wire(),
        Window = Duration.FromTimeSpan(limit.Window),
        Cooldown = Duration.FromTimeSpan(limit.Cooldown),
    };
}
