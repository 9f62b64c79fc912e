namespace Bourse.Persistence.Entities;

/// <summary>
/// A person or program that owns plugins, configs, runs and API keys (table <c>users</c>).
/// Role <c>admin</c> sees and changes everything, <c>trader</c> only what it owns, <c>viewer</c> only reads what it owns.
/// </summary>
public sealed class UserEntity
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; }

    /// <summary>Login name, unique (stored lower case), 3..64 characters.</summary>
    public string UserName { get; set; } = "";

    /// <summary>PHC-encoded Argon2id hash (<c>$argon2id$v=19$m=...,t=...,p=...$salt$hash</c>); null when the user cannot sign in with a password (the first admin).</summary>
    public string? PasswordHash { get; set; }

    /// <summary>admin, trader or viewer.</summary>
    public string Role { get; set; } = "trader";

    /// <summary>Creation time, UTC.</summary>
    public DateTime CreatedAt { get; set; }
}
