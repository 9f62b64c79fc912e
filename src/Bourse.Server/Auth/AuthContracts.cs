using Bourse.Persistence.Entities;

namespace Bourse.Server.Auth;

/// <summary>Body of <c>POST /api/v1/auth/register</c>.</summary>
/// <param name="Username">3..64 characters: letters, digits, '.', '_', '-' (case-insensitive, stored lower case).</param>
/// <param name="Password">12..256 characters.</param>
/// <param name="Role">trader (default) or viewer; admin only when an admin registers the user.</param>
public sealed record RegisterRequest(string? Username, string? Password, string? Role);

/// <summary>Body of <c>POST /api/v1/auth/login</c>.</summary>
public sealed record LoginRequest(string? Username, string? Password);

/// <summary>Body of <c>POST /api/v1/auth/refresh</c>.</summary>
/// <param name="RefreshToken">The refresh token of the last login or refresh (single use).</param>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Body of <c>POST /api/v1/auth/keys</c>.</summary>
/// <param name="Name">A label, 1..100 characters.</param>
public sealed record CreateApiKeyRequest(string? Name);

/// <summary>A user as served.</summary>
public sealed record UserDto(Guid Id, string Username, string Role, DateTime CreatedAt)
{
    /// <summary>From a row.</summary>
    public static UserDto From(UserEntity u) => new(u.Id, u.UserName, u.Role, u.CreatedAt);
}

/// <summary>The answer of a login or refresh.</summary>
/// <param name="AccessToken">JWT for <c>Authorization: Bearer</c>.</param>
/// <param name="TokenType">Always "Bearer".</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
/// <param name="ExpiresAt">Its expiry, UTC.</param>
/// <param name="RefreshToken">Single-use token for <c>POST /api/v1/auth/refresh</c>.</param>
/// <param name="RefreshExpiresAt">Its expiry, UTC.</param>
/// <param name="User">Who signed in.</param>
public sealed record TokenDto(string AccessToken, string TokenType, int ExpiresIn, DateTime ExpiresAt, string RefreshToken, DateTime RefreshExpiresAt, UserDto User);

/// <summary>The caller.</summary>
/// <param name="Id">User id.</param>
/// <param name="Username">User name.</param>
/// <param name="Role">admin, trader or viewer.</param>
/// <param name="AuthenticatedWith">access_token or api_key.</param>
/// <param name="KeyId">The API key used, or null.</param>
public sealed record MeDto(Guid Id, string Username, string Role, string AuthenticatedWith, string? KeyId);

/// <summary>An API key as listed (never its secret).</summary>
public sealed record ApiKeyDto(string KeyId, string Name, Guid UserId, DateTime CreatedAt, DateTime? RevokedAt)
{
    /// <summary>From a row.</summary>
    public static ApiKeyDto From(ApiKeyEntity k) => new(k.Id, k.Name, k.UserId, k.CreatedAt, k.RevokedAt);
}

/// <summary>A new API key with its secret, shown this once.</summary>
/// <param name="KeyId">Public id (APCA-API-KEY-ID).</param>
/// <param name="Secret">The secret (APCA-API-SECRET-KEY); only its hash is kept.</param>
/// <param name="Token">key_id.secret, for <c>Authorization: Bearer</c>.</param>
/// <param name="Name">Label.</param>
/// <param name="CreatedAt">Creation time, UTC.</param>
public sealed record CreatedApiKeyDto(string KeyId, string Secret, string Token, string Name, DateTime CreatedAt)
{
    /// <summary>From a new key.</summary>
    public static CreatedApiKeyDto From(CreatedApiKey k) => new(k.Key.Id, k.Secret, k.Token, k.Key.Name, k.Key.CreatedAt);
}

/// <summary>A page of API keys.</summary>
public sealed record ApiKeyPage(IReadOnlyList<ApiKeyDto> Keys, int Count);
