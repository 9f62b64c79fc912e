using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Server.Audit;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Auth;

/// <summary>
/// Hosted service run after the database initializer: on the first start of a database without users it creates the
/// user <c>admin</c> (no password: it signs in with its key) and an API key for it, prints the key once to the console
/// (not to the log) and writes it to <c>admin-api-key</c> in the data folder, readable by the owner only. Rows from
/// before users existed (runs, configs, uploaded plugins without an owner) are given to that admin.
/// </summary>
internal sealed class AdminSeeder(
    IDbContextFactory<BourseDbContext> contexts, ApiKeys keys, ServerSecret secret, AuditLog audit, TimeProvider clock, ILogger<AdminSeeder> logger) : IHostedService
{
    /// <summary>File name of the first admin's key in the data folder.</summary>
    public const string KeyFileName = "admin-api-key";

    /// <summary>The first admin's user name.</summary>
    public const string AdminName = "admin";

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var admin = new UserEntity { Id = Guid.NewGuid(), UserName = AdminName, Role = Roles.Admin, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Users.Add(admin);
        await db.SaveChangesAsync(cancellationToken);
        await db.Runs.Where(r => r.OwnerId == Guid.Empty).ExecuteUpdateAsync(s => s.SetProperty(r => r.OwnerId, admin.Id), cancellationToken);
        await db.Configs.Where(c => c.OwnerId == Guid.Empty).ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerId, admin.Id), cancellationToken);
        await db.Plugins.Where(p => p.OwnerId == null && p.Kind != PluginKind.BuiltIn).ExecuteUpdateAsync(s => s.SetProperty(p => p.OwnerId, admin.Id), cancellationToken);

        var key = await keys.CreateAsync(admin.Id, "initial admin key", cancellationToken);
        var path = Path.Combine(secret.DataFolder, KeyFileName);
        ServerSecret.WriteOwnerOnly(path, key.Token + "\n");
        await audit.RecordAsync(admin.Id, admin.UserName, "api_key.created", key.Key.Id, "first start: the initial admin key");

        // The console, not the log: log lines are kept and shipped; the key must be seen once and stored by the operator.
        Console.WriteLine($"""

            ==== Bourse: first start ====
            Created the user 'admin' and its API key (shown once; also written to {path}, mode 600):

                {key.Token}

            Use it as:  curl -H "Authorization: Bearer $(cat {path})" http://localhost:8081/api/v1/auth/me
            =============================

            """);
        logger.LogInformation("Created the first admin and its API key {KeyId}; the key is in {Path}", key.Key.Id, path);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
