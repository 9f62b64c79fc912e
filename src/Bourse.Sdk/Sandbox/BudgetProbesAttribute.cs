namespace Bourse.Sdk.Sandbox;

/// <summary>
/// Marks an assembly whose code calls <see cref="CallbackBudget.Check"/> from inside its methods and loops: the sandbox
/// compiler puts it on every strategy it compiles from source, together with the probes. The engine publishes a
/// callback's budget on the thread (where the probes read it) only for strategies from such an assembly; any other
/// strategy (built in, or an uploaded binary) is held to the same budget when the callback returns (see
/// <see cref="CallbackBudget"/>), without the thread-local bookkeeping no code of it would read.
/// </summary>
/// <remarks>On an assembly without probes it changes no outcome: its callbacks are armed on the thread, where nothing reads the budget, and are measured when they return as always.</remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class BudgetProbesAttribute : Attribute
{
}
