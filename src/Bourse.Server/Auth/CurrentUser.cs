using System.Security.Claims;
using System.Reflection;

namespace Bourse.Server.Auth;

/// <summary>
/// The authenticated caller of a request, bound as an endpoint parameter from the request's principal (every endpoint
/// but <c>/health</c> requires authentication, so it is always there).
/// </summary>
/// <param name="Id">The user id.</param>
/// <param name="Name">The user name.</param>
/// <param name="Role">admin, trader or viewer.</param>
/// <param name="KeyId">The API key used, or null for a JWT.</param>
public sealed record CurrentUser(Guid Id, string Name, string Role, string? KeyId)
{
    /// <summary>Claim type of the API key id.</summary>
    public const string KeyIdClaim = "key_id";

    /// <summary>True for an admin: sees every user's resources.</summary>
    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>True when the caller may see (and, role permitting, change) a resource of <paramref name="ownerId"/>.</summary>
    public bool Owns(Guid? ownerId) => IsAdmin || ownerId == Id;

    /// <summary>The claims of a user, as issued in tokens and by the API-key handler.</summary>
    public static IEnumerable<Claim> Claims(Guid id, string name, string role, string? keyId)
    {
        yield return new Claim("sub", id.ToString());
        yield return new Claim("name", name);
        yield return new Claim("role", role);
        if (keyId is not null)
        {
            yield return new Claim(KeyIdClaim, keyId);
        }
    }

    /// <summary>The user of <paramref name="principal"/>, or null when it is not authenticated.</summary>
    public static CurrentUser? From(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && Guid.TryParse(principal.FindFirstValue("sub"), out var id)
            ? new CurrentUser(id, principal.FindFirstValue("name") ?? "", principal.FindFirstValue("role") ?? Roles.Viewer, principal.FindFirstValue(KeyIdClaim))
            : null;

    /// <summary>Minimal API binding from <see cref="HttpContext.User"/>.</summary>
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult(From(context.User));
}
