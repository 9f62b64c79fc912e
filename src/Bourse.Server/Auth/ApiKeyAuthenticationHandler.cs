using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Auth;

/// <summary>
/// Authenticates an API key: <c>Authorization: Bearer bk_….secret</c>, the Alpaca pair <c>APCA-API-KEY-ID</c> +
/// <c>APCA-API-SECRET-KEY</c>, or (on <c>/ws</c> only) the query <c>access_token=bk_….secret</c>.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Alpaca's key id header.</summary>
    public const string KeyIdHeader = "APCA-API-KEY-ID";

    /// <summary>Alpaca's secret header.</summary>
    public const string SecretHeader = "APCA-API-SECRET-KEY";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string keyId, secret;
        if (Request.Headers.TryGetValue(KeyIdHeader, out var id))
        {
            (keyId, secret) = (id.ToString(), Request.Headers[SecretHeader].ToString());
        }
        else if (!ApiKeys.TrySplit(AuthSetup.BearerOrQueryToken(Request), out keyId, out secret))
        {
            return AuthenticateResult.NoResult();
        }

        var user = await keys.VerifyAsync(keyId, secret, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked or its secret does not match.");
        }

        var identity = new ClaimsIdentity(CurrentUser.Claims(user.Id, user.Name, user.Role, keyId), Scheme.Name, "name", "role");
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
