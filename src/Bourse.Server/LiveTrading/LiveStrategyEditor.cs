using System.Text.Json;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Plugins;
using Bourse.Plugins.Parameters;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Bourse.Server.Plugins;
using Bourse.Server.Runs;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.LiveTrading;

/// <summary>
/// Checks a create or update of a live strategy field by field (errors under the field's JSON name, e.g. <c>check_interval</c>,
/// <c>parameters.FastPeriod</c>) and applies it to the row. The plugin must be visible to the caller, the symbols published
/// by the feed, the parameters valid for the plugin (bound over the config's values, as a start would).
/// </summary>
public sealed class LiveStrategyEditor(PluginCatalogue catalogue, RunLauncher launcher, TimeProvider clock)
{
    /// <summary>The check intervals allowed, seconds.</summary>
    public static IReadOnlyList<int> CheckIntervals { get; } = [60, 300, 900, 1800, 3600];

    /// <summary>Applies <paramref name="request"/> to <paramref name="target"/> (a new row when <paramref name="create"/>); returns the errors by field (empty when valid).</summary>
    public async Task<Dictionary<string, string[]>> ApplyAsync(
        BourseDbContext db, LiveStrategyRequest request, LiveStrategyEntity target, CurrentUser user, bool create, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];
        void Check(bool valid, string field, string message)
        {
            if (!valid)
            {
                Fail(field, message);
            }
        }

        var r = request;
        var name = r.Name?.Trim();
        Check(!create || name is not null, "name", "name is required.");
        Check(name is null || name.Length is >= 1 and <= 200, "name", "name must be 1 to 200 characters.");
        Check(!create || r.PluginId is not null, "plugin_id", "plugin_id is required.");
        Check(!create || r.Symbols is not null, "symbols", "symbols is required.");
        Check(r.CheckInterval is null || CheckIntervals.Contains(r.CheckInterval.Value), "check_interval",
            $"check_interval must be one of {string.Join(", ", CheckIntervals)} seconds (was {r.CheckInterval}).");
        Check(r.MaxPositionSize is null or > 0m, "max_position_size", "max_position_size must be a positive amount.");
        Check(r.MaxPositions is null or >= 1 and <= 20, "max_positions", $"max_positions must be within 1..20 (was {r.MaxPositions}).");
        Check(r.DailyLossLimit is null or > 0m, "daily_loss_limit", "daily_loss_limit must be a positive amount.");
        Check(r.PositionSizePct is null or >= 0.001m and <= 0.5m, "position_size_pct",
            $"position_size_pct must be within 0.001..0.5 (a share of equity, 0.1 = 10 %; was {r.PositionSizePct}).");
        Check(r.SignalStrengthThreshold is null || (double.IsFinite(r.SignalStrengthThreshold.Value) && r.SignalStrengthThreshold is >= 0 and <= 1),
            "signal_strength_threshold", $"signal_strength_threshold must be within 0..1 (was {r.SignalStrengthThreshold}).");

        if (name is not null && !errors.ContainsKey("name")
            && await db.LiveStrategies.AnyAsync(l => l.OwnerId == target.OwnerId && l.Name == name && l.Id != target.Id, cancellationToken))
        {
            Fail("name", $"You already have a live strategy named '{name}'.");
        }

        if (r.Symbols is not null && launcher.Instruments(r.Symbols, Fail) is { } instruments)
        {
            target.Symbols = string.Join(',', instruments.Select(i => i.Id.ToString()));
        }

        var pluginId = r.PluginId ?? target.PluginId;
        var configId = r.ConfigId ?? target.ConfigId;
        var parameters = r.Parameters is null ? target.ParametersJson : JsonSerializer.Serialize(r.Parameters);
        if (r.PluginId is not null || r.ConfigId is not null || r.Parameters is not null)
        {
            await CheckPluginAsync(db, user, pluginId, configId, parameters, Fail, cancellationToken);
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        target.Name = name ?? target.Name;
        target.PluginId = pluginId;
        target.ConfigId = configId;
        target.ParametersJson = parameters;
        target.CheckInterval = r.CheckInterval ?? (create ? 300 : target.CheckInterval);
        target.AutoExecute = r.AutoExecute ?? target.AutoExecute;
        target.MaxPositionSize = r.MaxPositionSize ?? target.MaxPositionSize;
        target.MaxPositions = r.MaxPositions ?? (create ? 5 : target.MaxPositions);
        target.DailyLossLimit = r.DailyLossLimit ?? target.DailyLossLimit;
        target.PositionSizePct = r.PositionSizePct ?? (create ? 0.1m : target.PositionSizePct);
        target.SignalStrengthThreshold = r.SignalStrengthThreshold ?? (create ? 0.5 : target.SignalStrengthThreshold);
        target.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return errors;
    }

    private async Task CheckPluginAsync(
        BourseDbContext db, CurrentUser user, Guid pluginId, Guid? configId, string parametersJson, Action<string, string> fail, CancellationToken cancellationToken)
    {
        using var lease = catalogue.Acquire(pluginId);
        if (lease is null || !await db.Plugins.VisibleTo(user).AnyAsync(p => p.Id == pluginId, cancellationToken))
        {
            fail("plugin_id", $"No plugin in the catalogue has the id {pluginId}.");
            return;
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        if (configId is { } id)
        {
            var config = await db.Configs.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (config is null || config.PluginId != pluginId)
            {
                fail("config_id", $"No config with the id {id} belongs to plugin {pluginId}.");
                return;
            }

            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(config.ParametersJson) ?? [])
            {
                values[key] = value;
            }
        }

        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(parametersJson, JsonSetup.Options) ?? [])
        {
            values[key] = value;
        }

        try
        {
            lease.Plugin.Bind(values);
        }
        catch (ParameterException e)
        {
            foreach (var error in e.Errors)
            {
                fail($"parameters.{error.Parameter}", error.Message);
            }
        }
        catch (PluginException e)
        {
            fail("plugin_id", e.Message);
        }
    }
}
