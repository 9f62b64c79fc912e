using Microsoft.AspNetCore.Http.HttpResults;

namespace Bourse.Server.Infrastructure;

/// <summary>RFC 9457 problem details that name the field at fault.</summary>
public static class Problems
{
    /// <summary>400 with <c>errors: {field: [message]}</c>.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: "The request is invalid.");

    /// <summary>400 with several fields.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string detail) =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "The request is invalid.");

    /// <summary>A problem with a status code and the field it is about (extension <c>field</c>, plus <c>errors</c>).</summary>
    public static ProblemHttpResult Status(int status, string title, string detail, string? field = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (field is not null)
        {
            extensions["field"] = field;
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    /// <summary>404 for a resource id.</summary>
    public static ProblemHttpResult NotFound(string what, object id, string field = "id") =>
        Status(StatusCodes.Status404NotFound, $"{what} not found.", $"No {what.ToLowerInvariant()} has the id {id}.", field);

    /// <summary>Validates paging arguments; returns null when valid.</summary>
    public static ValidationProblem? Paging(int limit, int offset, int maxLimit) =>
        limit < 1 || limit > maxLimit ? Invalid("limit", $"limit must be within 1..{maxLimit} (was {limit}).")
        : offset < 0 ? Invalid("offset", $"offset must not be negative (was {offset}).")
        : null;
}
