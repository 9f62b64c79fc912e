using System.Security.Cryptography;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Auth;

/// <summary>A created key: the only moment its secret is known.</summary>
/// <param name="Key">The stored row.</param>
/// <param name="Secret">The secret (43 base64url characters, 256 bits).</param>
public sealed record CreatedApiKey(ApiKeyEntity Key, string Secret)
{
    /// <summary>The bearer form, <c>key_id.secret</c>.</summary>
    public string Token => $"{Key.Id}.{Secret}";
}

/// <summary>
/// API keys: a public id (<c>bk_</c> + 20 base32 characters, 100 bits) and a 256-bit secret, of which only the
/// HMAC-SHA256 (<see cref="ServerSecret.Hash"/>) is stored. Presented as <c>Authorization: Bearer bk_….secret</c> or as
/// the Alpaca header pair <c>APCA-API-KEY-ID</c> / <c>APCA-API-SECRET-KEY</c>.
/// </summary>
public sealed class ApiKeys(IDbContextFactory<BourseDbContext> contexts, ServerSecret secret, TimeProvider clock)
{
    /// <summary>Every key id starts with this.</summary>
    public const string Prefix = "bk_";

    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Creates a key for <paramref name="userId"/>.</summary>
    public async Task<CreatedApiKey> CreateAsync(Guid userId, string name, CancellationToken cancellationToken)
    {
        var plain = ServerSecret.NewCredential();
        var key = new ApiKeyEntity
        {
            Id = Prefix + RandomNumberGenerator.GetString(Base32, 20),
            UserId = userId,
            Name = name,
            SecretHash = secret.Hash(plain),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(key, plain);
    }

    /// <summary>Splits a bearer token <c>bk_….secret</c>; false when it is not one.</summary>
    public static bool TrySplit(string? token, out string keyId, out string keySecret)
    {
        keyId = keySecret = "";
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Split('.') is not [var id, var s] || s.Length == 0)
        {
            return false;
        }

        (keyId, keySecret) = (id, s);
        return true;
    }

    /// <summary>The user acting through a live key whose secret matches, or null.</summary>
    public async Task<CurrentUser?> VerifyAsync(string keyId, string keySecret, CancellationToken cancellationToken)
    {
        if (keyId.Length > 40 || keySecret.Length > 100)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Id == keyId && k.RevokedAt == null)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { k.SecretHash, u.Id, u.UserName, u.Role })
            .FirstOrDefaultAsync(cancellationToken);
        return found is not null && secret.Matches(keySecret, found.SecretHash)
            ? new CurrentUser(found.Id, found.UserName, found.Role, keyId)
            : null;
    }
}
