using Bourse.Server.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace Bourse.Server.Auth;

/// <summary>
/// Authentication (JWT access tokens and API keys behind one policy scheme) and authorization. The fallback policy
/// applies to every endpoint that declares nothing: an authenticated user, read-only for viewers. So an endpoint
/// added later is protected without doing anything; only an explicit <c>AllowAnonymous</c> opens one.
/// </summary>
public static class AuthSetup
{
    /// <summary>The default scheme: forwards to <see cref="ApiKeyScheme"/> or JwtBearer by the credential presented.</summary>
    public const string Scheme = "Bourse";

    /// <summary>The API key scheme.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Policy: an admin.</summary>
    public const string AdminPolicy = "Admin";

    /// <summary>Policy: any authenticated user, viewers included, whatever the method (for a user's own credentials).</summary>
    public const string AnyRolePolicy = "AnyRole";

    /// <summary>The paths whose query string may carry a token (browsers cannot set headers on a WebSocket): <c>/ws</c> and <c>/ws/v2</c>.</summary>
    public static readonly string[] StreamPaths = ["/ws", "/ws/v2"];

    /// <summary>Registers options, credential services, the schemes and the policies (the <see cref="AdminSeeder"/> is registered by the host, after the database initializer).</summary>
    public static IServiceCollection AddBourseAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddHttpContextAccessor();
        services.AddSingleton<ServerSecret>();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<CredentialValidator>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<AuditLog>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Access token or API key", o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents { OnMessageReceived = c => SetQueryToken(c) };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AccessTokens>((o, tokens) => o.TokenValidationParameters = tokens.ValidationParameters);

        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new ViewerReadOnlyRequirement()).Build();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(signedIn)
            .SetDefaultPolicy(signedIn)
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(AnyRolePolicy, p => p.RequireAuthenticatedUser());
        return services;
    }

    /// <summary>The bearer token of the Authorization header, or on <see cref="StreamPaths"/> the <c>access_token</c> query value; null when neither.</summary>
    public static string? BearerOrQueryToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return IsStreamPath(request.Path) ? request.Query["access_token"].FirstOrDefault() : null;
    }

    private static bool IsStreamPath(PathString path) => StreamPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase));

    private static string SelectScheme(HttpContext context) =>
        context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.KeyIdHeader)
        || (BearerOrQueryToken(context.Request)?.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal) ?? false)
            ? ApiKeyScheme
            : JwtBearerDefaults.AuthenticationScheme;

    private static Task SetQueryToken(MessageReceivedContext context)
    {
        if (IsStreamPath(context.Request.Path) && context.Request.Headers.Authorization.Count == 0)
        {
            context.Token = context.Request.Query["access_token"].FirstOrDefault();
        }

        return Task.CompletedTask;
    }

    /// <summary>Viewers may only read: a viewer's request with any method but GET, HEAD or OPTIONS is forbidden (403).</summary>
    private sealed class ViewerReadOnlyRequirement : AuthorizationHandler<ViewerReadOnlyRequirement>, IAuthorizationRequirement
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ViewerReadOnlyRequirement requirement)
        {
            var method = (context.Resource as HttpContext)?.Request.Method ?? HttpMethods.Get;
            if (!context.User.IsInRole(Roles.Viewer) || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
