namespace Bourse.Plugins.Parameters;

/// <summary>One invalid parameter value.</summary>
/// <param name="Parameter">The parameter's name as declared (e.g. "FastPeriod"), or as given when it is unknown.</param>
/// <param name="Message">What is wrong, for the user, e.g. "FastPeriod must be at least 2 (was 1)".</param>
public sealed record ParameterError(string Parameter, string Message);

/// <summary>
/// Parameter values given for a run are invalid: an unknown name, a wrong type, a value outside its bounds, a missing
/// required value or a failed cross-field check. Carries every problem found, so an API can return them all as
/// validation problem details keyed by <see cref="ParameterError.Parameter"/>.
/// </summary>
public sealed class ParameterException : PluginException
{
    /// <summary>Creates the exception from at least one error.</summary>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty.</exception>
    public ParameterException(IReadOnlyList<ParameterError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for a single parameter.</summary>
    public ParameterException(string parameter, string message)
        : this([new ParameterError(parameter, message)])
    {
    }

    /// <summary>All problems found, in parameter order (unknown names last).</summary>
    public IReadOnlyList<ParameterError> Errors { get; }

    /// <summary>The first offending parameter's name.</summary>
    public string Parameter => Errors[0].Parameter;

    private static string Describe(IReadOnlyList<ParameterError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0
            ? throw new ArgumentException("At least one parameter error is required.", nameof(errors))
            : string.Join(" ", errors.Select(e => e.Message.EndsWith('.') ? e.Message : e.Message + "."));
    }
}
