using System.Text;
using Bourse.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bourse.Persistence;

/// <summary>
/// Bourse's database. Tables and columns are snake_case; every <see cref="DateTime"/> is stored and read as UTC
/// (<c>timestamp with time zone</c> on PostgreSQL); decimals keep every digit (SQLite TEXT, PostgreSQL unconstrained
/// <c>numeric</c>). The model is provider-neutral; each
/// provider has its own subclass (<see cref="SqliteBourseDbContext"/>, <see cref="PostgresBourseDbContext"/>) because
/// EF Core keeps one migrations set per context type. Services depend on this base type only.
/// </summary>
public abstract class BourseDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Strategy catalogue.</summary>
    public DbSet<PluginEntity> Plugins => Set<PluginEntity>();

    /// <summary>Saved parameter sets.</summary>
    public DbSet<ConfigEntity> Configs => Set<ConfigEntity>();

    /// <summary>Runs.</summary>
    public DbSet<RunEntity> Runs => Set<RunEntity>();

    /// <summary>Signals.</summary>
    public DbSet<SignalEntity> Signals => Set<SignalEntity>();

    /// <summary>Orders, one row per order.</summary>
    public DbSet<OrderEntity> Orders => Set<OrderEntity>();

    /// <summary>Fills.</summary>
    public DbSet<FillEntity> Fills => Set<FillEntity>();

    /// <summary>Current positions per run and instrument.</summary>
    public DbSet<PositionEntity> Positions => Set<PositionEntity>();

    /// <summary>Execution log lines.</summary>
    public DbSet<ExecutionLogEntity> ExecutionLogs => Set<ExecutionLogEntity>();

    /// <summary>Market data bars.</summary>
    public DbSet<BarEntity> Bars => Set<BarEntity>();

    /// <summary>Users.</summary>
    public DbSet<UserEntity> Users => Set<UserEntity>();

    /// <summary>Refresh tokens (hashed).</summary>
    public DbSet<RefreshTokenEntity> RefreshTokens => Set<RefreshTokenEntity>();

    /// <summary>API keys (secrets hashed).</summary>
    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();

    /// <summary>The audit log.</summary>
    public DbSet<AuditLogEntity> AuditLog => Set<AuditLogEntity>();

    /// <summary>Live-trading strategies.</summary>
    public DbSet<LiveStrategyEntity> LiveStrategies => Set<LiveStrategyEntity>();

    /// <summary>Trading sessions (symbol subscriptions of live strategies).</summary>
    public DbSet<SessionEntity> Sessions => Set<SessionEntity>();

    /// <summary>Backtests run by the server.</summary>
    public DbSet<BacktestEntity> Backtests => Set<BacktestEntity>();

    /// <summary>Users' watchlists.</summary>
    public DbSet<WatchlistEntity> Watchlists => Set<WatchlistEntity>();

    /// <summary>Users' brokerage account configurations.</summary>
    public DbSet<AccountConfigurationEntity> AccountConfigurations => Set<AccountConfigurationEntity>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PluginEntity>(e =>
        {
            e.ToTable("plugins");
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(p => new { p.OwnerId, p.Name }).IsUnique().HasFilter("deleted_at IS NULL");
        });
        modelBuilder.Entity<ConfigEntity>(e =>
        {
            e.ToTable("configs");
            e.Property(c => c.Name).HasMaxLength(100);
            e.HasIndex(c => new { c.OwnerId, c.PluginId, c.Name, c.Version }).IsUnique();
            e.HasIndex(c => c.OwnerId);
            e.HasOne<PluginEntity>().WithMany().HasForeignKey(c => c.PluginId);
        });
        modelBuilder.Entity<RunEntity>(e =>
        {
            e.ToTable("runs");
            e.HasIndex(r => r.PluginId);
            e.HasIndex(r => r.Status);
            e.HasIndex(r => r.OwnerId);
            e.HasIndex(r => r.LiveStrategyId);
            e.HasOne<PluginEntity>().WithMany().HasForeignKey(r => r.PluginId);
            e.HasOne<ConfigEntity>().WithMany().HasForeignKey(r => r.ConfigId);
        });
        modelBuilder.Entity<BacktestEntity>(e =>
        {
            e.ToTable("backtests");
            e.Property(b => b.Status).HasMaxLength(20);
            e.HasIndex(b => new { b.OwnerId, b.CreatedAt });
            e.HasOne<PluginEntity>().WithMany().HasForeignKey(b => b.PluginId);
        });
        modelBuilder.Entity<SignalEntity>(e =>
        {
            e.ToTable("signals");
            e.HasIndex(s => new { s.RunId, s.SignalId }).IsUnique();
            e.HasOne<RunEntity>().WithMany().HasForeignKey(s => s.RunId);
        });
        modelBuilder.Entity<OrderEntity>(e =>
        {
            e.ToTable("orders");
            e.HasIndex(o => new { o.RunId, o.ClientOrderId }).IsUnique();
            e.HasOne<RunEntity>().WithMany().HasForeignKey(o => o.RunId);
        });
        modelBuilder.Entity<FillEntity>(e =>
        {
            e.ToTable("fills");
            e.HasIndex(f => f.RunId);
            e.HasOne<RunEntity>().WithMany().HasForeignKey(f => f.RunId);
        });
        modelBuilder.Entity<PositionEntity>(e =>
        {
            e.ToTable("positions");
            e.HasKey(p => new { p.RunId, p.Symbol });
            e.HasOne<RunEntity>().WithMany().HasForeignKey(p => p.RunId);
        });
        modelBuilder.Entity<ExecutionLogEntity>(e =>
        {
            e.ToTable("execution_logs");
            e.HasIndex(l => l.RunId);
            e.HasOne<RunEntity>().WithMany().HasForeignKey(l => l.RunId);
        });
        modelBuilder.Entity<UserEntity>(e =>
        {
            e.ToTable("users");
            e.Property(u => u.UserName).HasMaxLength(64);
            e.Property(u => u.Role).HasMaxLength(16);
            e.HasIndex(u => u.UserName).IsUnique();
        });
        modelBuilder.Entity<RefreshTokenEntity>(e =>
        {
            e.ToTable("refresh_tokens");
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.HasOne<UserEntity>().WithMany().HasForeignKey(t => t.UserId);
        });
        modelBuilder.Entity<ApiKeyEntity>(e =>
        {
            e.ToTable("api_keys");
            e.Property(k => k.Id).HasMaxLength(40);
            e.Property(k => k.Name).HasMaxLength(100);
            e.HasIndex(k => k.UserId);
            e.HasOne<UserEntity>().WithMany().HasForeignKey(k => k.UserId);
        });
        modelBuilder.Entity<AuditLogEntity>(e =>
        {
            e.ToTable("audit_log");
            e.HasIndex(a => a.Timestamp);
            e.HasIndex(a => a.UserId);
        });
        modelBuilder.Entity<LiveStrategyEntity>(e =>
        {
            e.ToTable("live_strategies");
            e.Property(l => l.Name).HasMaxLength(200);
            e.Property(l => l.Status).HasMaxLength(16);
            e.HasIndex(l => new { l.OwnerId, l.Name }).IsUnique();
            e.HasIndex(l => l.Status);
            e.HasOne<PluginEntity>().WithMany().HasForeignKey(l => l.PluginId);
        });
        modelBuilder.Entity<SessionEntity>(e =>
        {
            e.ToTable("sessions");
            e.Property(x => x.Symbol).HasMaxLength(64);
            e.Property(x => x.Type).HasMaxLength(16);
            e.Property(x => x.Status).HasMaxLength(16);
            e.HasIndex(x => new { x.OwnerId, x.Status });
            e.HasIndex(x => x.StrategyId);
            e.HasOne<LiveStrategyEntity>().WithMany().HasForeignKey(x => x.StrategyId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<WatchlistEntity>(e =>
        {
            e.ToTable("watchlists");
            e.Property(w => w.Name).HasMaxLength(64);
            e.HasIndex(w => new { w.UserId, w.Name }).IsUnique();
            e.HasOne<UserEntity>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AccountConfigurationEntity>(e =>
        {
            e.ToTable("account_configurations");
            e.HasKey(c => c.UserId);
            e.Property(c => c.DtbpCheck).HasMaxLength(8);
            e.Property(c => c.TradeConfirmEmail).HasMaxLength(8);
            e.Property(c => c.PdtCheck).HasMaxLength(8);
            e.HasOne<UserEntity>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<BarEntity>(e =>
        {
            e.ToTable("bars");
            e.HasIndex(b => new { b.Symbol, b.OpenTime });
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    /// <summary>PascalCase → snake_case (AverageFillPrice → average_fill_price).</summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
