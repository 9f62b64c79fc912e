using Bourse.Persistence.Entities;

namespace Bourse.Server.Auth;

/// <summary>
/// The rows a user may see: its own (admins: all). Every query of a user-owned table in an endpoint goes through
/// one of these, so another user's resource is simply not found (404), never forbidden (which would reveal it).
/// Signals, orders, fills, positions and logs belong to their run's owner: reach them through <see cref="VisibleTo(IQueryable{RunEntity}, CurrentUser)"/>.
/// </summary>
public static class Ownership
{
    /// <summary>The user's runs.</summary>
    public static IQueryable<RunEntity> VisibleTo(this IQueryable<RunEntity> runs, CurrentUser user) =>
        user.IsAdmin ? runs : runs.Where(r => r.OwnerId == user.Id);

    /// <summary>The built-in plugins and the user's own.</summary>
    public static IQueryable<PluginEntity> VisibleTo(this IQueryable<PluginEntity> plugins, CurrentUser user) =>
        user.IsAdmin ? plugins : plugins.Where(p => p.OwnerId == null || p.OwnerId == user.Id);

    /// <summary>The user's saved configs.</summary>
    public static IQueryable<ConfigEntity> VisibleTo(this IQueryable<ConfigEntity> configs, CurrentUser user) =>
        user.IsAdmin ? configs : configs.Where(c => c.OwnerId == user.Id);

    /// <summary>The user's live strategies.</summary>
    public static IQueryable<LiveStrategyEntity> VisibleTo(this IQueryable<LiveStrategyEntity> strategies, CurrentUser user) =>
        user.IsAdmin ? strategies : strategies.Where(l => l.OwnerId == user.Id);

    /// <summary>The user's trading sessions.</summary>
    public static IQueryable<SessionEntity> VisibleTo(this IQueryable<SessionEntity> sessions, CurrentUser user) =>
        user.IsAdmin ? sessions : sessions.Where(s => s.OwnerId == user.Id);

    /// <summary>The user's API keys.</summary>
    public static IQueryable<ApiKeyEntity> VisibleTo(this IQueryable<ApiKeyEntity> keys, CurrentUser user) =>
        user.IsAdmin ? keys : keys.Where(k => k.UserId == user.Id);

    /// <summary>The user's backtests.</summary>
    public static IQueryable<BacktestEntity> VisibleTo(this IQueryable<BacktestEntity> backtests, CurrentUser user) =>
        user.IsAdmin ? backtests : backtests.Where(b => b.OwnerId == user.Id);
}
