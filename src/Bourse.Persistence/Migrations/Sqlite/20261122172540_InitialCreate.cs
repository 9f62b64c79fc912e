using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bourse.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bars",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    period_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    open_time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    open = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    high = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    low = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    close = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    volume = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bars", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plugins",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    risk_level = table.Column<string>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<string>(type: "TEXT", nullable: false),
                    parameters_json = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    type_name = table.Column<string>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: true),
                    assembly_bytes = table.Column<byte[]>(type: "BLOB", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plugins", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "configs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plugin_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    parameters_json = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_configs", x => x.id);
                    table.ForeignKey(
                        name: "FK_configs_plugins_plugin_id",
                        column: x => x.plugin_id,
                        principalTable: "plugins",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plugin_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    config_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    symbols = table.Column<string>(type: "TEXT", nullable: false),
                    parameters_json = table.Column<string>(type: "TEXT", nullable: false),
                    risk_json = table.Column<string>(type: "TEXT", nullable: false),
                    starting_cash = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    start_time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    end_time = table.Column<DateTime>(type: "TEXT", nullable: true),
                    stop_reason = table.Column<string>(type: "TEXT", nullable: true),
                    total_signals = table.Column<int>(type: "INTEGER", nullable: false),
                    executed_signals = table.Column<int>(type: "INTEGER", nullable: false),
                    buy_signals = table.Column<int>(type: "INTEGER", nullable: false),
                    sell_signals = table.Column<int>(type: "INTEGER", nullable: false),
                    hold_signals = table.Column<int>(type: "INTEGER", nullable: false),
                    total_orders = table.Column<int>(type: "INTEGER", nullable: false),
                    filled_orders = table.Column<int>(type: "INTEGER", nullable: false),
                    rejected_orders = table.Column<int>(type: "INTEGER", nullable: false),
                    total_trades = table.Column<int>(type: "INTEGER", nullable: false),
                    error_count = table.Column<int>(type: "INTEGER", nullable: false),
                    realized_pnl = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    unrealized_pnl = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    profit_loss = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    cpu_usage = table.Column<double>(type: "REAL", nullable: false),
                    memory_usage = table.Column<long>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runs", x => x.id);
                    table.ForeignKey(
                        name: "FK_runs_configs_config_id",
                        column: x => x.config_id,
                        principalTable: "configs",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "FK_runs_plugins_plugin_id",
                        column: x => x.plugin_id,
                        principalTable: "plugins",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "execution_logs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    level = table.Column<string>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    message = table.Column<string>(type: "TEXT", nullable: false),
                    timestamp = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_execution_logs", x => x.id);
                    table.ForeignKey(
                        name: "FK_execution_logs_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fills",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    client_order_id = table.Column<string>(type: "TEXT", nullable: false),
                    trade_id = table.Column<string>(type: "TEXT", nullable: false),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    side = table.Column<string>(type: "TEXT", nullable: false),
                    price = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    commission = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    commission_currency = table.Column<string>(type: "TEXT", nullable: false),
                    is_maker = table.Column<bool>(type: "INTEGER", nullable: false),
                    timestamp = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fills", x => x.id);
                    table.ForeignKey(
                        name: "FK_fills_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    client_order_id = table.Column<string>(type: "TEXT", nullable: false),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    side = table.Column<string>(type: "TEXT", nullable: false),
                    order_type = table.Column<string>(type: "TEXT", nullable: false),
                    time_in_force = table.Column<string>(type: "TEXT", nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    limit_price = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: true),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    filled_quantity = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    average_fill_price = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: true),
                    reason = table.Column<string>(type: "TEXT", nullable: true),
                    tag = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => x.id);
                    table.ForeignKey(
                        name: "FK_orders_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "positions",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    net_quantity = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    average_price = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    last_price = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    realized_pnl = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    unrealized_pnl = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    commissions = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_positions", x => new { x.run_id, x.symbol });
                    table.ForeignKey(
                        name: "FK_positions_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "signals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    signal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    signal_type = table.Column<string>(type: "TEXT", nullable: false),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    venue = table.Column<string>(type: "TEXT", nullable: false),
                    strength = table.Column<double>(type: "REAL", nullable: false),
                    price = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: true),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: true),
                    executed = table.Column<bool>(type: "INTEGER", nullable: false),
                    order_id = table.Column<string>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", nullable: true),
                    metadata_json = table.Column<string>(type: "TEXT", nullable: true),
                    timestamp = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signals", x => x.id);
                    table.ForeignKey(
                        name: "FK_signals_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bars_symbol_open_time",
                table: "bars",
                columns: new[] { "symbol", "open_time" });

            migrationBuilder.CreateIndex(
                name: "IX_configs_plugin_id_version",
                table: "configs",
                columns: new[] { "plugin_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_execution_logs_run_id",
                table: "execution_logs",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "IX_fills_run_id",
                table: "fills",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "IX_orders_run_id_client_order_id",
                table: "orders",
                columns: new[] { "run_id", "client_order_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plugins_name",
                table: "plugins",
                column: "name",
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_runs_config_id",
                table: "runs",
                column: "config_id");

            migrationBuilder.CreateIndex(
                name: "IX_runs_plugin_id",
                table: "runs",
                column: "plugin_id");

            migrationBuilder.CreateIndex(
                name: "IX_runs_status",
                table: "runs",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_signals_run_id_signal_id",
                table: "signals",
                columns: new[] { "run_id", "signal_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bars");

            migrationBuilder.DropTable(
                name: "execution_logs");

            migrationBuilder.DropTable(
                name: "fills");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "positions");

            migrationBuilder.DropTable(
                name: "signals");

            migrationBuilder.DropTable(
                name: "runs");

            migrationBuilder.DropTable(
                name: "configs");

            migrationBuilder.DropTable(
                name: "plugins");
        }
    }
}
