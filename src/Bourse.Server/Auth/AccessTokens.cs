using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bourse.Server.Auth;

/// <summary>Issues and validates the JWT access tokens (HS256 with <see cref="ServerSecret.SigningKey"/>; claims sub, name, role).</summary>
public sealed class AccessTokens(ServerSecret secret, IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>The <c>iss</c> and <c>aud</c> of every token.</summary>
    public const string Issuer = "bourse";

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The validation rules (also used by the JwtBearer handler): signature, issuer, audience, lifetime with 30 s of skew.</summary>
    public TokenValidationParameters ValidationParameters => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Issuer,
        IssuerSigningKey = new SymmetricSecurityKey(secret.SigningKey),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = "name",
        RoleClaimType = "role",
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    /// <summary>A signed token for the user, and its expiry (UTC).</summary>
    public (string Token, DateTime ExpiresAt) Issue(Guid userId, string userName, string role)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + options.Value.AccessTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = new ClaimsIdentity(CurrentUser.Claims(userId, userName, role, null)),
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(secret.SigningKey), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>The user of a valid token, or null.</summary>
    public async Task<CurrentUser?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, ValidationParameters);
        return result.IsValid ? CurrentUser.From(new ClaimsPrincipal(result.ClaimsIdentity)) : null;
    }
}
