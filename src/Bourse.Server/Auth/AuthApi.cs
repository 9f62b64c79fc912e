using Bourse.Persistence;
using Bourse.Server.Audit;
using Bourse.Server.Infrastructure;
using Bourse.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Auth;

/// <summary>Maps <c>/api/v1/auth</c>: register, login, refresh, me, and the caller's API keys.</summary>
public static class AuthApi
{
    /// <summary>Maps the auth endpoints.</summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/auth").WithTags("Auth");

        group.MapPost("/register", Register)
            .WithName("Register")
            .WithSummary("Register a user")
            .WithDescription("Anyone when Auth:OpenRegistration is on (role trader or viewer); an admin registers any role. 400 names the field, 409 name taken, 403 closed.")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignInPolicy)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/login", Login)
            .WithName("Login")
            .WithSummary("Sign in with a password: a JWT access token and a refresh token")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignInPolicy)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/refresh", Refresh)
            .WithName("RefreshToken")
            .WithSummary("Exchange a refresh token (single use) for new tokens")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignInPolicy)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/me", Me)
            .WithName("GetMe")
            .WithSummary("The caller: user, role and how it authenticated")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        var keys = group.MapGroup("/keys").RequireAuthorization(AuthSetup.AnyRolePolicy);
        keys.MapPost("/", CreateKey)
            .WithName("CreateApiKey")
            .WithSummary("Create an API key for the caller; its secret is in this answer only")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        keys.MapGet("/", ListKeys)
            .WithName("ListApiKeys")
            .WithSummary("The caller's API keys (an admin: everyone's), newest first, without secrets")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        keys.MapDelete("/{keyId}", RevokeKey)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key (at once)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static Task<Results<Created<Envelope<UserDto>>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, HttpContext context, UserAccounts accounts, CancellationToken cancellationToken) =>
        accounts.RegisterAsync(request, CurrentUser.From(context.User), cancellationToken);

    private static Task<Results<Ok<Envelope<TokenDto>>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, UserAccounts accounts, CancellationToken cancellationToken) =>
        accounts.LoginAsync(request, cancellationToken);

    private static Task<Results<Ok<Envelope<TokenDto>>, ValidationProblem, ProblemHttpResult>> Refresh(
        RefreshRequest request, UserAccounts accounts, CancellationToken cancellationToken) =>
        accounts.RefreshAsync(request, cancellationToken);

    private static Ok<Envelope<MeDto>> Me(CurrentUser user) =>
        TypedResults.Ok(Envelope.Of($"Signed in as '{user.Name}'.", new MeDto(user.Id, user.Name, user.Role, user.KeyId is null ? "access_token" : "api_key", user.KeyId)));

    private static async Task<Results<Created<Envelope<CreatedApiKeyDto>>, ValidationProblem>> CreateKey(
        CreateApiKeyRequest request, CurrentUser user, ApiKeys keys, AuditLog audit, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (name is not { Length: >= 1 and <= 100 })
        {
            return Problems.Invalid("name", "name must be 1..100 characters.");
        }

        var created = await keys.CreateAsync(user.Id, name, cancellationToken);
        await audit.RecordAsync(user, "api_key.created", created.Key.Id, $"'{name}'");
        return TypedResults.Created($"/api/v1/auth/keys/{created.Key.Id}",
            Envelope.Of("API key created. Store the secret now: it is not shown again.", CreatedApiKeyDto.From(created)));
    }

    private static async Task<Ok<Envelope<ApiKeyPage>>> ListKeys(CurrentUser user, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiKeys.AsNoTracking().VisibleTo(user).OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(Envelope.Of($"{rows.Count} API key(s).", new ApiKeyPage([.. rows.Select(ApiKeyDto.From)], rows.Count)));
    }

    private static async Task<Results<Ok<Envelope<ApiKeyDto>>, ProblemHttpResult>> RevokeKey(
        string keyId, CurrentUser user, IDbContextFactory<BourseDbContext> contexts, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.VisibleTo(user).FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null)
        {
            return Problems.NotFound("API key", keyId, "key_id");
        }

        key.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(user, "api_key.revoked", key.Id, $"'{key.Name}'");
        return TypedResults.Ok(Envelope.Of($"API key '{key.Name}' revoked.", ApiKeyDto.From(key)));
    }
}
