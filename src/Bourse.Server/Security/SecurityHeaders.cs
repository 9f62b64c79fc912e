namespace Bourse.Server.Security;

/// <summary>
/// Response headers that keep browsers from misusing API answers: no MIME sniffing, no framing, no referrer, a
/// Content-Security-Policy that allows nothing (the Scalar reference pages, which run scripts, get none), and no
/// caching of anything under <c>/api</c> (tokens, keys, account data).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Adds the headers to every response.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments("/scalar"))
            {
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            }

            if (context.Request.Path.StartsWithSegments("/api"))
            {
                headers.CacheControl = "no-store";
            }

            return next(context);
        });
}
