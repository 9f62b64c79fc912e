using Bourse.Server.Runs;

namespace Bourse.Server.Trading;

/// <summary>
/// Section <c>Trading</c>: the risk limits of every paper brokerage account (<see cref="BrokerAccounts"/>) opened from now
/// on; none by default. Invalid limits make opening an account fail with the field at fault.
/// </summary>
public sealed class PaperAccountOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Trading";

    /// <summary>
    /// The flat fields of a run's <c>risk</c> object, in PascalCase (<c>Trading:Risk:MaxOrderQuantity</c>,
    /// <c>Trading:Risk:PriceBandPct</c>…); its nested objects are <see cref="OrderRate"/> and <see cref="CircuitBreaker"/>.
    /// </summary>
    public RiskRequest? Risk { get; set; }

    /// <summary>The order rate throttle (<c>Trading:OrderRate:MaxOrders</c>, <c>Trading:OrderRate:WindowSeconds</c>).</summary>
    public OrderRateRequest? OrderRate { get; set; }

    /// <summary>The circuit breaker (<c>Trading:CircuitBreaker:MovePct</c>, <c>…:WindowSeconds</c>, <c>…:CooldownSeconds</c>).</summary>
    public CircuitBreakerRequest? CircuitBreaker { get; set; }

    /// <summary>The limits as a run's <c>risk</c> object; null when none is configured.</summary>
    public RiskRequest? Limits() =>
        Risk is null && OrderRate is null && CircuitBreaker is null ? null
        : (Risk ?? new RiskRequest()) with { OrderRate = OrderRate, CircuitBreaker = CircuitBreaker };
}
