using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Bourse.Server.Infrastructure;

/// <summary>
/// Turns request binding failures (malformed JSON, a JSON value of the wrong type, a missing body, an unparsable
/// route or query value, an unsupported content type) into 4xx validation problem details naming the field, e.g.
/// <c>errors: {"risk.max_positions": [...]}</c>, <c>{"run_id": [...]}</c>, <c>{"body": [...]}</c>.
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

        var (field, message) = BindingFailure.Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        var details = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = "The request is invalid.",
            Detail = message,
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }
}

/// <summary>Names the field at fault in a minimal API binding failure (API names: snake_case, as in the JSON and query).</summary>
internal static class BindingFailure
{
    /// <summary>
    /// The field and a message for <paramref name="bad"/>: the JSON path of a body error (<c>risk.max_positions</c>,
    /// <c>symbols[0]</c>, <c>body</c> for the whole document), <c>body</c> for a missing body, <c>content_type</c> for an
    /// unsupported media type, else the snake_case name of the route or query parameter (<c>run_id</c>, <c>limit</c>).
    /// </summary>
    public static (string Field, string Message) Describe(BadHttpRequestException bad)
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

        var message = bad.Message;
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("content_type", message);
        }

        // Implicit body inferred for parameter "request" but no body was provided... / Required parameter "T x" was not provided from body.
        if (message.StartsWith("Implicit body", StringComparison.Ordinal) || message.EndsWith("from body.", StringComparison.Ordinal))
        {
            return ("body", "A JSON body is required (Content-Type: application/json).");
        }

        // Failed to bind parameter "Nullable<Guid> pluginId" from "abc". / Required parameter "int limit" was not provided from query string.
        var quoted = message.Split('"');
        if (quoted.Length >= 2 && quoted[1].Split(' ')[^1] is { Length: > 0 } name)
        {
            return (JsonNamingPolicy.SnakeCaseLower.ConvertName(name), message);
        }

        return ("body", message);
    }

    private static string FirstSentence(string text)
    {
        var cut = text.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? text[..(cut + 1)] : text;
    }
}
