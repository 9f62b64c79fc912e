using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bourse.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LiveTradingAndSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "indicators_json",
                table: "signals",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "check_interval",
                table: "runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "daily_pnl",
                table: "runs",
                type: "numeric",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<Guid>(
                name: "live_strategy_id",
                table: "runs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trading_state",
                table: "runs",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "trading_state_reason",
                table: "runs",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "live_strategies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    plugin_id = table.Column<Guid>(type: "uuid", nullable: false),
                    symbols = table.Column<string>(type: "text", nullable: false),
                    check_interval = table.Column<int>(type: "integer", nullable: false),
                    auto_execute = table.Column<bool>(type: "boolean", nullable: false),
                    max_position_size = table.Column<decimal>(type: "numeric", nullable: true),
                    max_positions = table.Column<int>(type: "integer", nullable: false),
                    daily_loss_limit = table.Column<decimal>(type: "numeric", nullable: true),
                    position_size_pct = table.Column<decimal>(type: "numeric", nullable: false),
                    signal_strength_threshold = table.Column<double>(type: "double precision", nullable: false),
                    parameters_json = table.Column<string>(type: "text", nullable: false),
                    config_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status_reason = table.Column<string>(type: "text", nullable: true),
                    current_run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_live_strategies", x => x.id);
                    table.ForeignKey(
                        name: "FK_live_strategies_plugins_plugin_id",
                        column: x => x.plugin_id,
                        principalTable: "plugins",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    symbol = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    strategy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    stopped_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.id);
                    table.ForeignKey(
                        name: "FK_sessions_live_strategies_strategy_id",
                        column: x => x.strategy_id,
                        principalTable: "live_strategies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_runs_live_strategy_id",
                table: "runs",
                column: "live_strategy_id");

            migrationBuilder.CreateIndex(
                name: "IX_live_strategies_owner_id_name",
                table: "live_strategies",
                columns: new[] { "owner_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_live_strategies_plugin_id",
                table: "live_strategies",
                column: "plugin_id");

            migrationBuilder.CreateIndex(
                name: "IX_live_strategies_status",
                table: "live_strategies",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_owner_id_status",
                table: "sessions",
                columns: new[] { "owner_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_sessions_strategy_id",
                table: "sessions",
                column: "strategy_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "live_strategies");

            migrationBuilder.DropIndex(
                name: "IX_runs_live_strategy_id",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "indicators_json",
                table: "signals");

            migrationBuilder.DropColumn(
                name: "check_interval",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "daily_pnl",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "live_strategy_id",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "trading_state",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "trading_state_reason",
                table: "runs");
        }
    }
}
