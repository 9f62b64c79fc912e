namespace Bourse.Persistence.Entities;

/// <summary>
/// One security-relevant action (table <c>audit_log</c>): sign-ins, key changes, plugin uploads and deletions, run starts
/// and stops, kill-switch use. Never holds a password, token or key secret.
/// </summary>
public sealed class AuditLogEntity
{
    /// <summary>Primary key, increasing.</summary>
    public long Id { get; set; }

    /// <summary>When, UTC.</summary>
    public DateTime Timestamp { get; set; }

    /// <summary>Who acted (null for an unknown user, e.g. a failed login for a name that does not exist).</summary>
    public Guid? UserId { get; set; }

    /// <summary>The user name as given or known.</summary>
    public string? UserName { get; set; }

    /// <summary>What, dotted: <c>auth.login</c>, <c>auth.login_failed</c>, <c>api_key.created</c>, <c>plugin.uploaded</c>, <c>run.started</c>...</summary>
    public string Action { get; set; } = "";

    /// <summary>The resource acted on (a plugin, run or key id), if any.</summary>
    public string? Target { get; set; }

    /// <summary>A short human-readable detail.</summary>
    public string? Detail { get; set; }

    /// <summary>The client's IP address.</summary>
    public string? IpAddress { get; set; }
}
