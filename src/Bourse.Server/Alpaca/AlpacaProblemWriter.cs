namespace Bourse.Server.Alpaca;

/// <summary>
/// Writes every problem details response of a <c>/v2</c> route in Alpaca's form instead (<see cref="AlpacaError"/>):
/// binding and validation failures (400, the message naming the field as <see cref="Infrastructure.BadRequestExceptionHandler"/>
/// found it), 401 (no or a bad credential), 403, 404 (no such route), 405, 415, 429 (rate limits) and 500. Registered before
/// the default writer, so it wins on <c>/v2</c> and stays out of the way elsewhere.
/// </summary>
internal sealed class AlpacaProblemWriter : IProblemDetailsWriter
{
    /// <summary>The path prefix of Alpaca's dialect.</summary>
    public const string Prefix = "/v2";

    /// <inheritdoc />
    public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        var message = context.ProblemDetails.Detail ?? DefaultMessage(status, http.Request);
        return new ValueTask(http.Response.WriteAsJsonAsync(new AlpacaError(AlpacaErrors.CodeFor(status), message), http.RequestAborted));
    }

    private static string DefaultMessage(int status, HttpRequest request) => status switch
    {
        StatusCodes.Status401Unauthorized => "request is not authorized: send APCA-API-KEY-ID and APCA-API-SECRET-KEY (a Bourse API key bk_….secret split at the dot) or Authorization: Bearer.",
        StatusCodes.Status403Forbidden => "forbidden: this user may not do this (viewers may only read).",
        StatusCodes.Status404NotFound => $"endpoint not found: {request.Method} {request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"method not allowed: {request.Method} {request.Path}.",
        StatusCodes.Status415UnsupportedMediaType => $"unsupported content type '{request.ContentType}': send application/json.",
        StatusCodes.Status429TooManyRequests => "rate limit exceeded.",
        >= 500 => "internal server error.",
        _ => $"request failed with HTTP {status}.",
    };
}
