namespace Bourse.Sdk.Sandbox;

/// <summary>Which budget a callback exceeded.</summary>
public enum CallbackBudgetKind
{
    /// <summary>It ran longer than its time budget.</summary>
    Time,

    /// <summary>It allocated more than its allocation budget.</summary>
    Allocation,

    /// <summary>It recursed until the thread's stack was nearly exhausted.</summary>
    Stack,
}

/// <summary>
/// A strategy callback exceeded its time or allocation budget (see <see cref="CallbackBudget"/>). The engine fails the
/// run with this message; strategy code cannot create it.
/// </summary>
public sealed class CallbackBudgetExceededException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public CallbackBudgetExceededException()
        : base("The strategy callback exceeded its budget.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CallbackBudgetExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CallbackBudgetExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal CallbackBudgetExceededException(CallbackBudgetKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>The budget that was exceeded.</summary>
    public CallbackBudgetKind Kind { get; }
}
