using System.Globalization;
using System.Threading.RateLimiting;
using Bourse.Server.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Security;

/// <summary>
/// ASP.NET Core rate limiting: a global limit per user (or per IP when unauthenticated) chained with one per API key,
/// and stricter named policies for signing in (<see cref="SignInPolicy"/>, per IP) and for trading actions
/// (<see cref="TradingPolicy"/>: run starts, order submissions; per user). A refused request gets 429, a
/// <c>Retry-After</c> header in seconds and a problem details body.
/// </summary>
public static class RateLimits
{
    /// <summary>Policy of register, login and refresh.</summary>
    public const string SignInPolicy = "sign-in";

    /// <summary>Policy of endpoints that start runs or submit orders: add <c>.RequireRateLimiting(RateLimits.TradingPolicy)</c>.</summary>
    public const string TradingPolicy = "trading";

    /// <summary>Registers the limiter.</summary>
    public static IServiceCollection AddBourseRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
        {
            var l = limits.Value;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(c => PerMinute($"user:{UserOrAddress(c)}", l.PerUserPerMinute)),
                PartitionedRateLimiter.Create<HttpContext, string>(c => CurrentUser.From(c.User)?.KeyId is { } key
                    ? PerMinute($"key:{key}", l.PerKeyPerMinute)
                    : RateLimitPartition.GetNoLimiter("no-key")));
            o.AddPolicy(SignInPolicy, c => PerMinute($"sign-in:{c.Connection.RemoteIpAddress}", l.SignInPerMinute));
            o.AddPolicy(TradingPolicy, c => PerMinute($"trading:{UserOrAddress(c)}", l.TradingPerMinute));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private static string UserOrAddress(HttpContext context) =>
        CurrentUser.From(context.User)?.Id.ToString() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"The rate limit for this kind of request is reached; retry after {seconds} s.",
                Extensions = { ["retry_after"] = seconds },
            },
        });
    }
}
