namespace Bourse.Plugins;

/// <summary>
/// A strategy plugin could not be loaded, inspected or instantiated: invalid assembly bytes, no or several strategy
/// classes, an unsupported parameter type, a missing dependency. The message is written for the user who uploaded
/// the plugin (the server returns it as the problem details' <c>detail</c>).
/// </summary>
public class PluginException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public PluginException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and the underlying cause.</summary>
    public PluginException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public PluginException()
        : base("The strategy plugin is invalid.")
    {
    }
}
