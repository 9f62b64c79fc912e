using System.Diagnostics.Metrics;
using Bourse.Server.Auth;
using OpenTelemetry.Metrics;

namespace Bourse.Server.Telemetry;

/// <summary>
/// Metrics through OpenTelemetry, exposed in the Prometheus text format at <c>GET /metrics</c>: the server's own
/// <see cref="BourseMetrics"/> and ASP.NET Core's HTTP meters (request duration histograms by route and status,
/// exceptions). <c>/metrics</c> needs an admin credential (a bearer API key, as Prometheus sends with
/// <c>authorization: credentials_file</c>): the figures cover every user's runs, as the audit log does.
/// The meter provider subscribes to meters by name, process-wide; <see cref="OwnInstrumentsOnly"/> keeps it to the meters of
/// this host's <see cref="IMeterFactory"/>, so a second host in the same process (tests run several at once) adds nothing to them.
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
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) => metrics.AddView(OwnInstrumentsOnly(provider.GetRequiredService<IMeterFactory>())));
        return services;
    }

    /// <summary>
    /// A view that drops the instruments of meters another <see cref="IMeterFactory"/> created (another host's, with the same
    /// meter names: without it, their observable instruments would report under this host's series) and leaves the rest as they are.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OwnInstrumentsOnly(IMeterFactory factory) =>
        instrument => instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, factory) ? MetricStreamConfiguration.Drop : null;

    /// <summary>Maps <c>GET /metrics</c> (Prometheus text format), for admins only.</summary>
    public static IEndpointRouteBuilder MapBourseMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .RequireAuthorization(AuthSetup.AdminPolicy);
        return endpoints;
    }
}
