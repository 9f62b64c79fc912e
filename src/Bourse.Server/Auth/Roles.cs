namespace Bourse.Server.Auth;

/// <summary>The three roles. Admin: everything of every user. Trader: reads and changes its own. Viewer: reads its own.</summary>
public static class Roles
{
    /// <summary>Sees and changes every user's resources, reads the audit log, registers users with any role.</summary>
    public const string Admin = "admin";

    /// <summary>Uploads plugins, starts and stops runs, manages its own keys.</summary>
    public const string Trader = "trader";

    /// <summary>Reads its own resources; changes nothing except its own API keys.</summary>
    public const string Viewer = "viewer";

    /// <summary>All roles.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Trader, Viewer];
}
