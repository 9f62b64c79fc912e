namespace Bourse.Server.Security;

/// <summary>Section <c>Security</c>: CORS and request size.</summary>
public sealed class SecurityOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Security";

    /// <summary>Origins allowed to call the API from a browser (e.g. <c>https://dashboard.example.com</c>); empty (default): none.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Largest request body, bytes (default 1 MiB); plugin uploads have their own limit (Plugins:MaxUploadBytes).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>Section <c>RateLimits</c>: requests per minute (fixed one-minute windows; 429 with Retry-After beyond).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "RateLimits";

    /// <summary>Every request of one user, all its credentials together; unauthenticated requests count per IP address (default 600).</summary>
    public int PerUserPerMinute { get; set; } = 600;

    /// <summary>Every request made with one API key (default 300).</summary>
    public int PerKeyPerMinute { get; set; } = 300;

    /// <summary>Register, login and refresh per IP address (default 10).</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Run starts and order submissions per user (default 30).</summary>
    public int TradingPerMinute { get; set; } = 30;
}
