namespace Bourse.Persistence.Entities;

/// <summary>
/// An API key of a user (table <c>api_keys</c>): a public key id and a secret shown once at creation; only the secret's
/// keyed hash is stored. A key acts with its user's role.
/// </summary>
public sealed class ApiKeyEntity
{
    /// <summary>Public key id, e.g. <c>bk_3F7Q2M9XK4T8H6RWZC5N</c> (primary key).</summary>
    public string Id { get; set; } = "";

    /// <summary>The owner.</summary>
    public Guid UserId { get; set; }

    /// <summary>A label chosen by the owner.</summary>
    public string Name { get; set; } = "";

    /// <summary>HMAC-SHA256 of the secret, hex.</summary>
    public string SecretHash { get; set; } = "";

    /// <summary>Creation time, UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Revocation time, UTC; null while the key works.</summary>
    public DateTime? RevokedAt { get; set; }
}
