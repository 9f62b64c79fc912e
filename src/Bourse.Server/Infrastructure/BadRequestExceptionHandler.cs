using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Bourse.Server.Infrastructure;

/// <summary>
/// Turns request binding failures (malformed JSON, a JSON value of the wrong type, a missing body, an unparsable
/// query value) into 400 validation problem details naming the field, e.g. <c>errors: {"risk.max_positions": [...]}</c>.
/// Requires <c>RouteHandlerOptions.ThrowOnBadRequest</c>.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (field, message) = Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        var details = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = "The request is invalid.",
            Detail = message,
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    private static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        for (Exception? e = bad; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                var path = json.Path is null or "$" ? "body" : json.Path.TrimStart('$', '.');
                var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
                return (path, $"The JSON body is invalid at {path}{where}: {FirstSentence(json.Message)}");
            }
        }

        // Messages look like: Failed to bind parameter "int limit" from "abc".
        var message = bad.Message;
        var quoted = message.Split('"');
        if (quoted.Length >= 2)
        {
            var name = quoted[1].Split(' ')[^1];
            return (name, message);
        }

        return ("body", message);
    }

    private static string FirstSentence(string text)
    {
        var cut = text.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? text[..(cut + 1)] : text;
    }
}
