using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Server.Audit;
using Bourse.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Auth;

/// <summary>Registration, password sign-in and refresh-token rotation.</summary>
public sealed partial class UserAccounts(
    IDbContextFactory<BourseDbContext> contexts,
    PasswordHasher passwords,
    AccessTokens accessTokens,
    ServerSecret secret,
    AuditLog audit,
    IOptions<AuthOptions> options,
    TimeProvider clock)
{
    /// <summary>Shortest accepted password.</summary>
    public const int MinPasswordLength = 12;

    private const int MaxPasswordLength = 256;

    // Verified when the user name is unknown, so a failed login takes as long whether or not the user exists.
    private readonly Lazy<string> _decoyHash = new(() => passwords.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    /// <summary>
    /// Registers a user. 400 names the field (username, password, role); 409 when the name is taken; 403 when registration
    /// is closed (Auth:OpenRegistration false) or an admin role is asked for, unless <paramref name="caller"/> is an admin.
    /// </summary>
    public async Task<Results<Created<Envelope<UserDto>>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, CurrentUser? caller, CancellationToken cancellationToken)
    {
        var byAdmin = caller?.IsAdmin == true;
        if (!byAdmin && !options.Value.OpenRegistration)
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Registration is closed.", "Only an admin registers users on this server.");
        }

        var errors = new Dictionary<string, string[]>();
        var name = request.Username?.Trim().ToLowerInvariant() ?? "";
        if (!UserNamePattern().IsMatch(name))
        {
            errors["username"] = ["username must be 3..64 characters: letters, digits, '.', '_' or '-'."];
        }

        if (request.Password is not { Length: >= MinPasswordLength and <= MaxPasswordLength })
        {
            errors["password"] = [$"password must be {MinPasswordLength}..{MaxPasswordLength} characters."];
        }

        var role = request.Role?.Trim().ToLowerInvariant() ?? Roles.Trader;
        if (!Roles.All.Contains(role))
        {
            errors["role"] = [$"role must be one of {string.Join(", ", Roles.All)} (was '{request.Role}')."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, string.Join(" ", errors.Values.SelectMany(e => e)));
        }

        if (role == Roles.Admin && !byAdmin)
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Only an admin creates admins.", "Register as trader or viewer, or ask an admin.", "role");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.UserName == name, cancellationToken))
        {
            return Taken(name);
        }

        var user = new UserEntity { Id = Guid.NewGuid(), UserName = name, PasswordHash = passwords.Hash(request.Password!), Role = role, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Taken(name);
        }

        await audit.RecordAsync(caller?.Id ?? user.Id, caller?.Name ?? user.UserName, "auth.registered", user.Id, $"user '{user.UserName}' as {role}");
        return TypedResults.Created("/api/v1/auth/me", Envelope.Of($"User '{name}' registered.", UserDto.From(user)));
    }

    /// <summary>Signs in with a password: 200 with tokens, 401 problem for an unknown user or a wrong password (the same answer for both).</summary>
    public async Task<Results<Ok<Envelope<TokenDto>>, ValidationProblem, ProblemHttpResult>> LoginAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password) || request.Password.Length > MaxPasswordLength)
        {
            return Problems.Invalid(
                string.IsNullOrWhiteSpace(request.Username) ? "username" : "password",
                $"username and password (at most {MaxPasswordLength} characters) are required.");
        }

        var name = request.Username.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name, cancellationToken);
        var valid = PasswordHasher.Verify(user?.PasswordHash ?? _decoyHash.Value, request.Password) && user?.PasswordHash is not null;
        if (!valid || user is null)
        {
            await audit.RecordAsync(user?.Id, name, "auth.login_failed");
            return Unauthorized("Invalid user name or password.");
        }

        await audit.RecordAsync(user.Id, user.UserName, "auth.login");
        return TypedResults.Ok(Envelope.Of("Signed in.", await IssueAsync(db, user, cancellationToken)));
    }

    /// <summary>
    /// Exchanges a refresh token for a new access token and a new refresh token; the old one is spent. A spent or revoked
    /// token presented again revokes every refresh token of its user (it was likely stolen). 401 problem when invalid.
    /// </summary>
    public async Task<Results<Ok<Envelope<TokenDto>>, ValidationProblem, ProblemHttpResult>> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > 200)
        {
            return Problems.Invalid("refresh_token", "refresh_token is required.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var hash = secret.Hash(request.RefreshToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null || token.ExpiresAt <= now)
        {
            return Unauthorized("The refresh token is invalid or expired; sign in again.");
        }

        var spent = await db.RefreshTokens.Where(t => t.Id == token.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == token.UserId, cancellationToken);
        if (spent == 0 || user is null)
        {
            await db.RefreshTokens.Where(t => t.UserId == token.UserId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            await audit.RecordAsync(token.UserId, user?.UserName, "auth.refresh_reused", detail: "a spent refresh token was presented again; all of the user's refresh tokens were revoked");
            return Unauthorized("The refresh token was already used; every session of this user was signed out. Sign in again.");
        }

        return TypedResults.Ok(Envelope.Of("Token refreshed.", await IssueAsync(db, user, cancellationToken)));
    }

    private async Task<TokenDto> IssueAsync(BourseDbContext db, UserEntity user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (access, expires) = accessTokens.Issue(user.Id, user.UserName, user.Role);
        var refresh = ServerSecret.NewCredential();
        var refreshExpires = now + options.Value.RefreshTokenLifetime;
        db.RefreshTokens.Add(new RefreshTokenEntity { Id = Guid.NewGuid(), UserId = user.Id, TokenHash = secret.Hash(refresh), CreatedAt = now, ExpiresAt = refreshExpires });
        await db.SaveChangesAsync(cancellationToken);
        return new TokenDto(access, "Bearer", (int)(expires - now).TotalSeconds, expires, refresh, refreshExpires, UserDto.From(user));
    }

    private static ProblemHttpResult Taken(string name) =>
        Problems.Status(StatusCodes.Status409Conflict, "The user name is taken.", $"A user named '{name}' exists; choose another name.", "username");

    private static ProblemHttpResult Unauthorized(string detail) => Problems.Status(StatusCodes.Status401Unauthorized, "Not signed in.", detail);

    [GeneratedRegex("^[a-z0-9._-]{3,64}$")]
    private static partial Regex UserNamePattern();
}
