namespace Bourse.Server.Infrastructure;

/// <summary>The body of every successful response: <c>{"message": "...", "data": ...}</c>.</summary>
/// <typeparam name="T">The payload type.</typeparam>
/// <param name="Message">A short human-readable summary.</param>
/// <param name="Data">The payload.</param>
public sealed record Envelope<T>(string Message, T Data);

/// <summary>Builds <see cref="Envelope{T}"/>s.</summary>
public static class Envelope
{
    /// <summary>Wraps <paramref name="data"/> with <paramref name="message"/>.</summary>
    public static Envelope<T> Of<T>(string message, T data) => new(message, data);
}
