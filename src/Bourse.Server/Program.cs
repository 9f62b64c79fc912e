using Bourse.Data.Feeds;
using Bourse.Persistence.Writing;
using Bourse.Plugins.Compilation;
using Bourse.Server.Health;
using Bourse.Server.Infrastructure;
using Bourse.Server.Market;
using Bourse.Server.Plugins;
using Bourse.Server.Runs;
using Bourse.Server.Streaming;
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

services.ConfigureHttpJsonOptions(o => JsonSetup.Apply(o.SerializerOptions));
services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.Customize);
services.AddExceptionHandler<BadRequestExceptionHandler>();
services.AddOpenApi();

services.AddSingleton(TimeProvider.System);
services.AddBourseDatabase(builder.Configuration);
services.AddSingleton<StrategyCompiler>();
services.AddSingleton<PluginCatalogue>();
services.AddSingleton<PluginUploads>();
services.AddSingleton<RunEventOutbox>();
services.AddSingleton<RunEventBatchWriter>();
services.AddSingleton<RunRegistry>();
services.AddSingleton<RunPlugins>();
services.AddSingleton<RunLauncher>();
services.AddSingleton<StreamHub>();
services.AddSingleton<BarQueue>();
services.AddSingleton(sp => MarketFeedFactory.Create(
    sp.GetRequiredService<IOptions<MarketDataOptions>>(), sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<TimeProvider>()));

// Hosted services start in this order and stop in reverse: the feed stops first, then the runs (RunStopped queued),
// then the bar and event writers drain and exit.
services.AddHostedService<DatabaseInitializer>();
services.AddHostedService<PluginStartupLoader>();
services.AddHostedService<OutboxWriterService>();
services.AddHostedService<BarWriterService>();
services.AddHostedService<RunShutdownService>();
services.AddHostedService<MarketDataService>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebSockets(); // keep-alive per connection: Streaming:KeepAliveInterval / KeepAliveTimeout

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthApi();
app.MapPluginsApi();
app.MapRunsApi();
app.MapMarketApi();
app.MapStreamingApi();

app.Run();

/// <summary>The server's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
