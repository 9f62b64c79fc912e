using Microsoft.AspNetCore.Http.HttpResults;

namespace Bourse.Server.Alpaca;

/// <summary>
/// Alpaca's error body, <c>{"code": 40010001, "message": "..."}</c>: every <c>/v2</c> error has this form (the
/// endpoints' own through <see cref="AlpacaErrors"/>, the framework's through <see cref="AlpacaProblemWriter"/>).
/// </summary>
/// <param name="Code">Alpaca's 8-digit code: the HTTP status followed by a detail number (<see cref="AlpacaErrors.CodeFor"/>).</param>
/// <param name="Message">What is wrong, naming the field at fault where there is one.</param>
public sealed record AlpacaError(int Code, string Message);

/// <summary>Alpaca errors as endpoint results, with Alpaca's HTTP statuses.</summary>
public static class AlpacaErrors
{
    /// <summary>
    /// Alpaca's code for an HTTP status: 400 → 40010001 (malformed or invalid request), 401 → 40110000, 403 → 40310000,
    /// 404 → 40410000, 422 → 42210000, 429 → 42910000, 500 → 50010000: any status s but 400 → s × 100000 + 10000.
    /// </summary>
    public static int CodeFor(int status) => status == StatusCodes.Status400BadRequest ? 40010001 : (status * 100_000) + 10_000;

    /// <summary>An error of <paramref name="status"/> with <paramref name="message"/>.</summary>
    public static JsonHttpResult<AlpacaError> Of(int status, string message) =>
        TypedResults.Json(new AlpacaError(CodeFor(status), message), statusCode: status);

    /// <summary>400: a malformed or invalid request; <paramref name="field"/> is named at the start of the message.</summary>
    public static JsonHttpResult<AlpacaError> Invalid(string field, string message) => Of(StatusCodes.Status400BadRequest, $"{field}: {message}");

    /// <summary>404: no such resource.</summary>
    public static JsonHttpResult<AlpacaError> NotFound(string message) => Of(StatusCodes.Status404NotFound, message);

    /// <summary>422: well-formed but not acceptable (Alpaca's answer to e.g. an unknown symbol in a body, a duplicate name).</summary>
    public static JsonHttpResult<AlpacaError> Unprocessable(string message) => Of(StatusCodes.Status422UnprocessableEntity, message);

    /// <summary>403: refused (e.g. insufficient buying power in Alpaca's trading API).</summary>
    public static JsonHttpResult<AlpacaError> Forbidden(string message) => Of(StatusCodes.Status403Forbidden, message);
}
