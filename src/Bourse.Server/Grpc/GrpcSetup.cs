using Bourse.Server.Auth;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Bourse.Server.Grpc;

/// <summary>
/// The gRPC services (protos/bourse/v1). gRPC needs HTTP/2, which Kestrel speaks on cleartext only on an endpoint that
/// serves HTTP/2 alone; so the services listen on their own endpoint <c>Grpc:Url</c> (default
/// <c>http://localhost:8082</c>, HTTP/2 only; empty: none) beside the <c>Urls</c> of the REST API (HTTP/1.1). They are
/// mapped on every endpoint, so an HTTP/2 client reaching the main one (e.g. behind a TLS proxy) is served too.
/// Calls authenticate with <c>authorization: Bearer &lt;api key or access token&gt;</c> metadata, as REST requests do.
/// </summary>
public static class GrpcSetup
{
    /// <summary>Configuration key of the gRPC endpoint.</summary>
    public const string UrlKey = "Grpc:Url";

    /// <summary>Registers gRPC and adds its HTTP/2 endpoint to the server's URLs.</summary>
    public static WebApplicationBuilder AddBourseGrpc(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGrpc(o => o.IgnoreUnknownServices = true); // no catch-all route for unknown methods: they are a plain 404
        var url = builder.Configuration[UrlKey] ?? "http://localhost:8082";
        if (!string.IsNullOrWhiteSpace(url))
        {
            var grpc = BindingAddress.Parse(url);
            var urls = (builder.Configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            builder.WebHost.UseUrls([.. urls, url]);
            builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(listen =>
            {
                if (listen.IPEndPoint?.Port == grpc.Port)
                {
                    listen.Protocols = HttpProtocols.Http2;
                }
            }));
        }

        return builder;
    }

    /// <summary>
    /// Maps the services. Any signed-in user may call them, viewers included (gRPC calls are all POSTs, which the
    /// fallback policy would refuse to viewers); the services refuse viewers' writes themselves (PERMISSION_DENIED).
    /// </summary>
    public static IEndpointRouteBuilder MapBourseGrpc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<MarketDataGrpcService>().RequireAuthorization(AuthSetup.AnyRolePolicy);
        endpoints.MapGrpcService<StrategyGrpcService>().RequireAuthorization(AuthSetup.AnyRolePolicy);
        endpoints.MapGrpcService<OrdersGrpcService>().RequireAuthorization(AuthSetup.AnyRolePolicy);
        endpoints.MapGrpcService<RiskGrpcService>().RequireAuthorization(AuthSetup.AnyRolePolicy);
        return endpoints;
    }
}
