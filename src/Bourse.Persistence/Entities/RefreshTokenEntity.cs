namespace Bourse.Persistence.Entities;

/// <summary>
/// A refresh token (table <c>refresh_tokens</c>): only its keyed hash is stored. Each refresh revokes the token used and
/// issues a new one; presenting a revoked token again revokes every token of its user (reuse of a stolen token).
/// </summary>
public sealed class RefreshTokenEntity
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; }

    /// <summary>The user it signs in.</summary>
    public Guid UserId { get; set; }

    /// <summary>HMAC-SHA256 of the token, hex, unique.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>Issue time, UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Expiry, UTC.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>When it was used or revoked, UTC; null while valid.</summary>
    public DateTime? RevokedAt { get; set; }
}
