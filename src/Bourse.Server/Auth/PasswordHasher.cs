using Isopoh.Cryptography.Argon2;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Auth;

/// <summary>
/// Argon2id password hashes (RFC 9106) in the PHC string format, through Isopoh.Cryptography.Argon2. Cost from
/// <see cref="AuthOptions"/> (default m = 19 MiB, t = 2, p = 1: the OWASP Password Storage Cheat Sheet's Argon2id minimum);
/// a stored hash keeps its own parameters, so raising the cost does not break old passwords.
/// </summary>
public sealed class PasswordHasher(IOptions<AuthOptions> options)
{
    /// <summary>A fresh salted hash of <paramref name="password"/>.</summary>
    public string Hash(string password) =>
        Argon2.Hash(password, timeCost: options.Value.PasswordIterations, memoryCost: options.Value.PasswordMemoryKiB, parallelism: 1, type: Argon2Type.HybridAddressing);

    /// <summary>True when <paramref name="password"/> matches <paramref name="encodedHash"/> (constant time in the hash comparison).</summary>
    public static bool Verify(string encodedHash, string password) => Argon2.Verify(encodedHash, password);
}
