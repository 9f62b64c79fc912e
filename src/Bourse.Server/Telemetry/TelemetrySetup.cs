using Bourse.Server.Auth;
using OpenTelemetry.Metrics;

namespace Bourse.Server.Telemetry;

/// <summary>
/// Metrics through OpenTelemetry, exposed in the Prometheus text format at <c>GET /metrics</c>: the server's own
/// <see cref="BourseMetrics"/> and ASP.NET Core's HTTP meters (request duration histograms by route and status,
/// exceptions). <c>/metrics</c> needs an admin credential (a bearer API key, as Prometheus sends with
/// <c>authorization: credentials_file</c>): the figures cover every user's runs, as the audit log does.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The scrape path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Registers the meter provider, <see cref="BourseMetrics"/> and <see cref="RunTotals"/>.</summary>
    public static IServiceCollection AddBourseTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<RunTotals>();
        services.AddSingleton<BourseMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(BourseMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddInstrumentation(sp => sp.GetRequiredService<BourseMetrics>()) // created with the provider, so its instruments exist from the start
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>Maps <c>GET /metrics</c> (Prometheus text format), for admins only.</summary>
    public static IEndpointRouteBuilder MapBourseMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .RequireAuthorization(AuthSetup.AdminPolicy);
        return endpoints;
    }
}
