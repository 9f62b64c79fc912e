namespace Bourse.Server.Infrastructure;

/// <summary>
/// Completes the problem details that ASP.NET Core writes itself (status code pages after routing refused a request)
/// so they name the field at fault like the API's own problems: 415 → <c>content_type</c>, 405 → <c>method</c>.
/// </summary>
internal static class FrameworkProblems
{
    /// <summary>For <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/>.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("errors"))
        {
            return;
        }

        var request = context.HttpContext.Request;
        var (field, message) = problem.Status switch
        {
            StatusCodes.Status415UnsupportedMediaType => ("content_type",
                $"Content-Type '{request.ContentType}' is not accepted here; send application/json, or multipart/form-data to /api/v1/plugins/upload."),
            StatusCodes.Status405MethodNotAllowed => ("method",
                $"{request.Method} is not allowed on {request.Path}; see /openapi/v1.json for the methods of each path."),
            _ => (null, null),
        };
        if (field is null || message is null)
        {
            return;
        }

        problem.Detail ??= message;
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
    }
}
