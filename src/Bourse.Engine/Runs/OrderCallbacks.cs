using System.Reflection;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Runs;

/// <summary>
/// Whether a strategy listens to its order events: the run calls the order callbacks (<see cref="Strategy.OnOrderFilled"/>,
/// <see cref="Strategy.OnOrderCanceled"/>...) only for a strategy type that overrides at least one of them. The base
/// methods do nothing, so leaving them uncalled changes nothing but the cost: for the strategies that only emit signals,
/// the execution engine does not even queue their order events (<see cref="Execution.ExecutionEngine.QueuesStrategyEvents"/>).
/// </summary>
internal static class OrderCallbacks
{
    private static readonly MethodInfo[] Callbacks = typeof(Strategy)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => m.IsVirtual && m.GetParameters() is [{ ParameterType: var type }] && typeof(OrderEvent).IsAssignableFrom(type))
        .ToArray();

    /// <summary>True when <paramref name="strategyType"/> declares (overrides or hides) any order callback of <see cref="Strategy"/>.</summary>
    /// <param name="strategyType">A strategy's runtime type.</param>
    public static bool AreHandled(Type strategyType) =>
        Callbacks.Any(callback =>
            strategyType.GetMethod(callback.Name, BindingFlags.Public | BindingFlags.Instance, [.. callback.GetParameters().Select(p => p.ParameterType)])
                ?.DeclaringType != typeof(Strategy));
}
