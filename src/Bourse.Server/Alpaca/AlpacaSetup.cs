namespace Bourse.Server.Alpaca;

/// <summary>
/// Alpaca's <c>/v2</c> dialect, shared part: the symbol mapping, Alpaca-form errors and the <c>/v2</c> route group.
/// Authentication needs nothing here: the server's API key scheme already takes <c>APCA-API-KEY-ID</c> (the key id
/// <c>bk_…</c>) with <c>APCA-API-SECRET-KEY</c> (the part after the dot), or <c>Authorization: Bearer</c> (a key or an
/// access token); the fallback policy makes every <c>/v2</c> route require one.
/// </summary>
public static class AlpacaSetup
{
    private static readonly int[] ErrorStatuses =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests,
    ];

    /// <summary>
    /// Registers <see cref="AlpacaSymbols"/> and the <c>/v2</c> problem writer. Call before <c>AddProblemDetails</c>: the
    /// first writer that accepts a response writes it.
    /// </summary>
    public static IServiceCollection AddAlpaca(this IServiceCollection services)
    {
        services.AddSingleton<AlpacaSymbols>();
        services.AddSingleton<IProblemDetailsWriter, AlpacaProblemWriter>();
        return services;
    }

    /// <summary>
    /// The <c>/v2</c> group tagged <paramref name="tag"/>, its routes documented with <see cref="AlpacaError"/> bodies
    /// (application/json) for 400, 401, 403, 404, 422 and 429.
    /// </summary>
    public static RouteGroupBuilder MapAlpacaGroup(this IEndpointRouteBuilder endpoints, string tag)
    {
        var group = endpoints.MapGroup(AlpacaProblemWriter.Prefix).WithTags(tag);
        foreach (var status in ErrorStatuses)
        {
            group.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(AlpacaError), ["application/json"]));
        }

        return group;
    }
}
