namespace Bourse.Server.Auth;

/// <summary>Section <c>Auth</c>: credentials and tokens.</summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Auth";

    /// <summary>
    /// Base64 of at least 32 random bytes. The JWT signing key and the key of the API-key and refresh-token hashes derive
    /// from it (HKDF-SHA256). Empty (default): generated at first start and kept in <see cref="DataFolder"/>/server-secret.key (mode 600).
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>Where the server secret and the first admin's API key file live; empty (default): the SQLite database's folder (data/).</summary>
    public string DataFolder { get; set; } = "";

    /// <summary>Lifetime of an access token (JWT, default 15 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of a refresh token (default 30 days); each refresh replaces it.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>When true (default) anyone may register as a trader or viewer; when false only an admin registers users.</summary>
    public bool OpenRegistration { get; set; } = true;

    /// <summary>Argon2id memory cost in KiB (default 19456 = 19 MiB, the OWASP minimum for Argon2id).</summary>
    public int PasswordMemoryKiB { get; set; } = 19_456;

    /// <summary>Argon2id passes over memory (default 2, OWASP).</summary>
    public int PasswordIterations { get; set; } = 2;
}
