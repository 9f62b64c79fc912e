using Bourse.Server.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bourse.Server.OpenApi;

/// <summary>
/// The document's title, description and licence, its server (relative: the one it was read from), a description for each tag, and
/// the credentials every protected operation accepts: a bearer token (a JWT access token or an API key <c>bk_….secret</c>)
/// or an API key in Alpaca's two headers.
/// </summary>
internal sealed class DocumentDescription : IOpenApiDocumentTransformer
{
    /// <summary>The bearer scheme's name in <c>components.securitySchemes</c>.</summary>
    public const string Bearer = "bearer";

    /// <summary>The Alpaca key-id header scheme's name (its secret header is <see cref="ApiKeyAuthenticationHandler.SecretHeader"/>).</summary>
    public const string AlpacaKey = "alpacaKeyId";

    /// <summary>The Alpaca secret header scheme's name.</summary>
    public const string AlpacaSecret = "alpacaSecretKey";

    /// <summary>What each tag groups. A tag missing here is reported by the linter (tag-description): describe new tags here.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Health"] = "Liveness and readiness of the server and its database.",
        ["Admin"] = "Users, audit log and account-wide controls (admins only).",
        ["Auth"] = "Registration, sign-in, tokens and API keys.",
        ["Streaming"] = "WebSocket streams; their messages are described by the AsyncAPI document at /asyncapi.json.",
        ["Plugins"] = "The strategy plugin catalogue: upload, list, inspect.",
        ["Configs"] = "Saved strategy configurations.",
        ["Runs"] = "Strategy runs on the replay or live feed: start, stop, status, orders, trades, positions, signals, logs, statistics.",
        ["Live trading"] = "Live trading: strategies, positions, signals and risk controls.",
        ["Sessions"] = "Trading sessions grouping runs.",
        ["Market data"] = "Instruments, bars and feed subscriptions of the server's market data feed.",
        ["Backtests"] = "Server-side backtests over stored bars.",
        ["Alpaca: reference data"] = "Alpaca Trading API v2 dialect: assets, clock and calendar.",
        ["Alpaca: trading"] = "Alpaca Trading API v2 dialect: account, orders, positions and activities on the user's paper account.",
        ["Alpaca: watchlists"] = "Alpaca Trading API v2 dialect: watchlists.",
        ["Alpaca: market data"] = "Alpaca Market Data API v2 dialect: bars, trades, quotes and snapshots of stocks and crypto.",
        ["TradingView"] = "TradingView UDF datafeed: configuration, symbol search and resolution, history bars, quotes, time.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Bourse";
        document.Info.Description = "Self-hosted algorithmic trading server: strategy plugins, replay and live runs, market data, Alpaca Trading API v2 "
            + "and TradingView UDF dialects. Prices are in the instrument's quote currency, quantities in base units, times in UTC. "
            + "Errors are RFC 9457 problem details (under /v2: Alpaca's {code, message}).";
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server this document was read from." }];

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Authorization: Bearer <access token (JWT from /api/v1/auth/login) or API key bk_….secret>.",
            },
            [AlpacaKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.KeyIdHeader,
                Description = "An API key's id (bk_…), with its secret in " + ApiKeyAuthenticationHandler.SecretHeader + ", as Alpaca's SDKs send them.",
            },
            [AlpacaSecret] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.SecretHeader,
                Description = "The API key's secret, with its id in " + ApiKeyAuthenticationHandler.KeyIdHeader + ".",
            },
        };
        return Task.CompletedTask;
    }
}
