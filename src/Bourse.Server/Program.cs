using Bourse.Data.Feeds;
using Bourse.Persistence.Writing;
using Bourse.Plugins.Compilation;
using Bourse.Server.Alpaca;
using Bourse.Server.Alpaca.Trading;
using Bourse.Server.Audit;
using Bourse.Server.Auth;
using Bourse.Server.Backtests;
using Bourse.Server.Brokers;
using Bourse.Server.Dashboard;
using Bourse.Server.Datafeed;
using Bourse.Server.Grpc;
using Bourse.Server.Health;
using Bourse.Server.Infrastructure;
using Bourse.Server.LiveTrading;
using Bourse.Server.OpenApi;
using Bourse.Server.Market;
using Bourse.Server.Plugins;
using Bourse.Server.Runs;
using Bourse.Server.Runs.Recovery;
using Bourse.Server.Security;
using Bourse.Server.Sessions;
using Bourse.Server.Streaming;
using Bourse.Server.Telemetry;
using Bourse.Server.Trading;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

// appsettings.json ships beside the binaries; relative paths in it (data/bourse.db) are relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentVariables("BOURSE_");

var services = builder.Services;
services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
services.AddOptions<PluginOptions>().BindConfiguration(PluginOptions.Section);
services.AddOptions<RunOptions>().BindConfiguration(RunOptions.Section);
services.AddOptions<MarketDataOptions>().BindConfiguration(MarketDataOptions.Section);
services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
services.AddOptions<StreamingOptions>().BindConfiguration(StreamingOptions.Section);
services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section);
var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = security.MaxRequestBodyBytes);
services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(security.AllowedOrigins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Retry-After")));
services.AddBourseAuth();
services.AddBourseRateLimits();

services.ConfigureHttpJsonOptions(o => JsonSetup.Apply(o.SerializerOptions));
services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.AddAlpaca(); // before AddProblemDetails: /v2 errors in Alpaca's form
services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.Customize);
services.AddExceptionHandler<BadRequestExceptionHandler>();
services.AddBourseOpenApi();
services.AddBourseTelemetry();

services.AddSingleton(TimeProvider.System);
services.AddBourseDatabase(builder.Configuration);
services.AddSingleton<StrategyCompiler>();
services.AddSingleton<PluginCatalogue>();
services.AddSingleton<PluginBuilder>();
services.AddSingleton<PluginUploads>();
services.AddSingleton<PluginSources>();
services.AddSingleton<PluginConfigs>();
services.AddSingleton<RunEventOutbox>();
services.AddSingleton<DatabaseWriteTimings>();
services.AddSingleton<RunEventBatchWriter>();
services.AddSingleton<OutboxWriter>();
services.AddSingleton<RunRegistry>();
services.AddSingleton<RunPlugins>();
services.AddSingleton<RunLauncher>();
services.AddSingleton<LiveStrategyEditor>();
services.AddSingleton<LiveStrategyRunner>();
services.AddSingleton<SessionSubscriptions>();
services.AddSingleton<SessionService>();
services.AddSingleton<StreamHub>();
services.AddSingleton<BarQueue>();
services.AddSingleton<BarHistory>();
services.AddSingleton<QuoteBoard>();
services.AddBacktests();
builder.AddBourseGrpc();
services.AddSingleton(sp => MarketFeedFactory.Create(
    sp.GetRequiredService<IOptions<MarketDataOptions>>(), sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<TimeProvider>(),
    sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<BarHistory>()));

// Hosted services start in this order and stop in reverse: runs left running by the previous process resume once the
// plugins are loaded and the writers run; at shutdown the feed stops first, then the runs are suspended (state saved,
// RunSuspended queued), then the bar and event writers drain and exit.
services.AddHostedService<DatabaseInitializer>();
services.AddHostedService<AdminSeeder>();
services.AddHostedService<PluginStartupLoader>();
services.AddBrokers(); // Brokers:Alpaca:<name> accounts runs may trade through ("broker" in a start request)
services.AddBourseTrading(); // the broker account plugin: after the plugin loader, before run recovery
services.AddHostedService<OutboxWriterService>();
services.AddHostedService<BarWriterService>();
services.AddHostedService<RunRecoveryService>();
services.AddHostedService<RunShutdownService>();
services.AddHostedService<MarketDataService>();
services.AddHostedService<SessionRestorer>();
services.AddHostedService<LiveStrategyRestorer>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseDashboard(); // web/'s build in wwwroot and its client routes: public, before authentication
if (!app.Environment.IsDevelopment())
{
    app.UseHsts(); // only on HTTPS responses
}

app.UseCors(); // Security:AllowedOrigins; none by default
app.UseAuthentication();
app.UseRateLimiter(); // after authentication (limits per user and key), before authorization (401s count too)
app.UseAuthorization(); // fallback policy: every endpoint without AllowAnonymous needs a signed-in user
app.UseWebSockets(); // keep-alive per connection: Streaming:KeepAliveInterval / KeepAliveTimeout

// The API description is public (it holds no data; the Scalar page could not send a key when loading): a choice, see README.
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapHealthApi();
app.MapBourseMetrics();
app.MapAuthApi();
app.MapAuditApi();
app.MapPluginsApi();
app.MapConfigsApi();
app.MapRunsApi();
app.MapLiveStrategiesApi();
app.MapLiveTradingReportsApi();
app.MapSessionsApi();
app.MapMarketApi();
app.MapBacktestsApi();
app.MapBourseGrpc();
app.MapStreamingApi();
app.MapAsyncApiDocument();
app.MapAlpacaReferenceApi();
app.MapAlpacaTradingApi();
app.MapAlpacaAccountApi();
app.MapAlpacaWatchlistsApi();
app.MapAlpacaMarketDataApi();
app.MapDatafeedApi();

app.Run();

/// <summary>The server's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
