namespace Bourse.Server.Auth;

/// <summary>Validates a credential given as one string (the WebSocket's first message): an access token (JWT) or an API key <c>bk_….secret</c>.</summary>
public sealed class CredentialValidator(AccessTokens tokens, ApiKeys keys)
{
    /// <summary>The user the credential authenticates, or null when it is invalid, expired or revoked.</summary>
    public Task<CurrentUser?> ValidateAsync(string? credential, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(credential) || credential.Length > 4096)
        {
            return Task.FromResult<CurrentUser?>(null);
        }

        return ApiKeys.TrySplit(credential, out var keyId, out var secret)
            ? keys.VerifyAsync(keyId, secret, cancellationToken)
            : tokens.ValidateAsync(credential);
    }
}
