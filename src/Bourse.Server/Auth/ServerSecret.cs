using System.Security.Cryptography;
using System.Text;
using Bourse.Server.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Auth;

/// <summary>
/// The server's one secret and the keys derived from it with HKDF-SHA256 (RFC 5869): the JWT signing key
/// (HMAC-SHA256, info "bourse-jwt") and the key of the credential hashes (info "bourse-credential-hash").
/// Taken from <see cref="AuthOptions.Secret"/>, else read from <c>server-secret.key</c> in the data folder, else
/// generated (64 random bytes) and written there readable by the owner only.
/// </summary>
public sealed class ServerSecret
{
    /// <summary>File name of the generated secret in the data folder.</summary>
    public const string FileName = "server-secret.key";

    /// <summary>Loads or creates the secret.</summary>
    /// <exception cref="InvalidOperationException">Auth:Secret is not base64 of at least 32 bytes.</exception>
    public ServerSecret(IOptions<AuthOptions> auth, IOptions<DatabaseOptions> database)
    {
        DataFolder = ResolveDataFolder(auth.Value, database.Value);
        var secret = auth.Value.Secret is { Length: > 0 } configured ? Decode(configured) : LoadOrCreate(Path.Combine(DataFolder, FileName));
        SigningKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "bourse-jwt"u8.ToArray());
        _hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "bourse-credential-hash"u8.ToArray());
    }

    private readonly byte[] _hashKey;

    /// <summary>The folder holding the secret and the first admin's key file (absolute).</summary>
    public string DataFolder { get; }

    /// <summary>The 256-bit HMAC-SHA256 key that signs access tokens.</summary>
    public byte[] SigningKey { get; }

    /// <summary>
    /// HMAC-SHA256 of a high-entropy credential (an API key secret, a refresh token), lower-case hex. A fast keyed hash
    /// suits 256-bit random secrets (no dictionary to search) and, keyed with the server secret, a stolen database alone
    /// cannot confirm a guess. Passwords use Argon2id instead (<see cref="PasswordHasher"/>).
    /// </summary>
    public string Hash(string credential) => Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(credential)));

    /// <summary>Constant-time comparison of <paramref name="credential"/>'s hash with a stored hash.</summary>
    public bool Matches(string credential, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(credential)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>A new 256-bit random credential (an API key secret, a refresh token), 43 base64url characters.</summary>
    public static string NewCredential() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Writes <paramref name="text"/> to a new file readable and writable by the owner only (mode 600 on Unix), replacing any old one.</summary>
    public static void WriteOwnerOnly(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options); // no BOM: `cat` must give the bare key
        writer.Write(text);
    }

    private static string ResolveDataFolder(AuthOptions auth, DatabaseOptions database)
    {
        if (!string.IsNullOrWhiteSpace(auth.DataFolder))
        {
            return Path.GetFullPath(auth.DataFolder);
        }

        if (database.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var source = new SqliteConnectionStringBuilder(DatabaseSetup.SqliteConnectionString(database.ConnectionString)).DataSource;
            if (Path.GetDirectoryName(source) is { Length: > 0 } folder && Path.IsPathRooted(source))
            {
                return folder;
            }
        }

        return Path.GetFullPath("data");
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim());
        }

        var secret = RandomNumberGenerator.GetBytes(64);
        WriteOwnerOnly(path, Convert.ToBase64String(secret));
        return secret;
    }

    private static byte[] Decode(string base64)
    {
        try
        {
            var bytes = Convert.FromBase64String(base64);
            return bytes.Length >= 32 ? bytes : throw new InvalidOperationException($"The server secret has {bytes.Length} bytes; at least 32 are required.");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("The server secret (Auth:Secret or server-secret.key) is not base64.");
        }
    }
}
