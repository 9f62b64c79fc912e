using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Bourse.Server.Dashboard;

/// <summary>
/// Serves the web dashboard (<c>web/</c>, built into <c>wwwroot/</c> by <c>Dashboard/Dashboard.targets</c>) at <c>/</c>:
/// its files need no credential (every API it calls keeps its own), the content-hashed files under <c>/assets/</c> are
/// cached for a year as immutable, <c>index.html</c> is revalidated on every load, and a GET of a client route
/// (<see cref="ClientRoutes"/>) that no endpoint matched answers <c>index.html</c>, so a reload or a link to
/// <c>/runs/abc</c> opens the app. It is middleware rather than a fallback endpoint so that routing keeps its 405s.
/// </summary>
public static class DashboardFiles
{
    /// <summary>
    /// The dashboard's Content-Security-Policy: its own scripts, styles, images and connections (fetch and the same-origin
    /// WebSocket) only; no inline scripts, no plugins, no framing. API answers keep <c>default-src 'none'</c>.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string ImmutableAssets = "public, max-age=31536000, immutable";

    /// <summary>
    /// Serves <c>wwwroot/</c> and the client routes; call after the security headers and before authentication (it is
    /// public). When the dashboard was not built (no Node.js at build time) it logs once how to get it, and the client
    /// routes answer a 404 problem saying so.
    /// </summary>
    public static IApplicationBuilder UseDashboard(this IApplicationBuilder app)
    {
        var environment = app.ApplicationServices.GetRequiredService<IWebHostEnvironment>();
        var index = environment.WebRootFileProvider.GetFileInfo("index.html");
        if (!index.Exists)
        {
            app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardFiles).FullName!).LogWarning(
                "The web dashboard is not built ({WebRoot} has no index.html), so / serves nothing; the APIs work. " +
                "Install Node.js 20.19 or later with npm (Debian: apt-get install nodejs npm) and build or run the server again.",
                environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot"));
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => PrepareResponse(file.Context, file.Context.Request.Path.StartsWithSegments("/assets")),
        });
        return app.Use((context, next) =>
            !IsClientRouteRequest(context) ? next(context)
            : index.Exists ? SendIndexAsync(context, index)
            : NotBuiltAsync(context));
    }

    /// <summary>A GET or HEAD of a client route that no endpoint answers (routing has run: a 405 has its own endpoint).</summary>
    private static bool IsClientRouteRequest(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.GetEndpoint() is null
        && ClientRoutes.Contains(context.Request.Path);

    private static Task SendIndexAsync(HttpContext context, IFileInfo index)
    {
        PrepareResponse(context, immutable: false);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = index.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.SendFileAsync(index, context.RequestAborted);
    }

    private static Task NotBuiltAsync(HttpContext context) =>
        Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "The web dashboard is not built.",
            detail: "This server was built without Node.js, so it has no dashboard; the APIs work. Install Node.js 20.19 or later and build it again.")
        .ExecuteAsync(context);

    private static void PrepareResponse(HttpContext context, bool immutable)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers[HeaderNames.CacheControl] = immutable ? ImmutableAssets : "no-cache";
    }
}
