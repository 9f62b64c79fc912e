using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Strategies;

namespace Bourse.Persistence.Writing;

/// <summary>The lower snake_case text stored (and served) for engine enums.</summary>
public static class Naming
{
    /// <summary>running, stopped, error, completed, created.</summary>
    public static string Of(RunStatus status) => Snake(status.ToString());

    /// <summary>buy or sell.</summary>
    public static string Of(Side side) => Snake(side.ToString());

    /// <summary>market, limit, stop, stop_limit, trailing_stop, market_if_touched or limit_if_touched.</summary>
    public static string Of(OrderType type) => Snake(type.ToString());

    /// <summary>gtc, day, ioc, fok or gtd.</summary>
    public static string Of(TimeInForce tif) => Snake(tif.ToString());

    /// <summary>initialized, submitted, accepted, triggered, partially_filled, filled, canceled, rejected, expired.</summary>
    public static string Of(OrderStatus status) => Snake(status.ToString());

    /// <summary>buy, sell or hold.</summary>
    public static string Of(SignalType type) => Snake(type.ToString());

    /// <summary>debug, info, warning, error.</summary>
    public static string Of(StrategyLogLevel level) => Snake(level.ToString());

    /// <summary>low, medium, high.</summary>
    public static string Of(RiskLevel level) => Snake(level.ToString());

    /// <summary>technical, momentum, mean_reversion, market_making, arbitrage, statistical, other.</summary>
    public static string Of(StrategyType type) => Snake(type.ToString());

    /// <summary>active, reducing, halted.</summary>
    public static string Of(TradingState state) => Snake(state.ToString());

    /// <summary>run or account.</summary>
    public static string Of(TradingStateScope scope) => Snake(scope.ToString());

    /// <summary>PascalCase → snake_case.</summary>
    public static string Snake(string name) => BourseDbContext.ToSnakeCase(name);
}
