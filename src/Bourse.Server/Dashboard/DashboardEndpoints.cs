using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Net.Http.Headers;

namespace Bourse.Server.Dashboard;

/// <summary>
/// Serves the web dashboard (<c>web/</c>, built into <c>wwwroot/</c> by <c>Dashboard/Dashboard.targets</c>) at <c>/</c>:
/// its files need no credential (every API it calls keeps its own), the content-hashed files under <c>/assets/</c> are
/// cached for a year as immutable, <c>index.html</c> is revalidated on every load, and every client route
/// (<see cref="ClientRouteConstraint"/>) answers <c>index.html</c> so a reload or a link to <c>/runs/abc</c> opens the app.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>
    /// The dashboard's Content-Security-Policy: its own scripts, styles, images and connections (fetch and the same-origin
    /// WebSocket) only; no inline scripts, no plugins, no framing. API answers keep <c>default-src 'none'</c>.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string ImmutableAssets = "public, max-age=31536000, immutable";

    /// <summary>Serves the files of <c>wwwroot/</c>; call before authentication (they are public) and after the security headers.</summary>
    public static IApplicationBuilder UseDashboardFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => PrepareResponse(file.Context, file.Context.Request.Path.StartsWithSegments("/assets")),
        });

    /// <summary>
    /// Maps every client route (GET and HEAD) to <c>index.html</c>, after every other endpoint. When the dashboard was not
    /// built (no Node.js at build time) it logs once how to get it, and the client routes answer 404 saying so.
    /// </summary>
    public static IEndpointConventionBuilder MapDashboard(this WebApplication app)
    {
        var index = app.Environment.WebRootFileProvider.GetFileInfo("index.html");
        if (!index.Exists)
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardEndpoints).FullName!).LogWarning(
                "The web dashboard is not built ({WebRoot} has no index.html), so / serves nothing; the APIs work. " +
                "Install Node.js 20.19 or later with npm (Debian: apt-get install nodejs npm) and build or run the server again.",
                app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot"));
        }

        var clientRoutes = RoutePatternFactory.Parse(
            "{**path}", defaults: null, parameterPolicies: new RouteValueDictionary { ["path"] = new ClientRouteConstraint() });
        return app.Map(clientRoutes, context => index.Exists ? SendIndexAsync(context, index) : NotBuiltAsync(context))
            .WithOrder(int.MaxValue)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .WithDisplayName("Dashboard client route")
            .ExcludeFromDescription()
            .AllowAnonymous();
    }

    private static Task SendIndexAsync(HttpContext context, Microsoft.Extensions.FileProviders.IFileInfo index)
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
