using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bourse.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Backtests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "backtests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plugin_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    strategy_name = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    progress = table.Column<double>(type: "REAL", nullable: false),
                    bar_count = table.Column<int>(type: "INTEGER", nullable: false),
                    symbols = table.Column<string>(type: "TEXT", nullable: false),
                    parameters_json = table.Column<string>(type: "TEXT", nullable: false),
                    risk_json = table.Column<string>(type: "TEXT", nullable: false),
                    starting_cash = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    fee_bps = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    report_json = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_backtests", x => x.id);
                    table.ForeignKey(
                        name: "FK_backtests_plugins_plugin_id",
                        column: x => x.plugin_id,
                        principalTable: "plugins",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_backtests_owner_id_created_at",
                table: "backtests",
                columns: new[] { "owner_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_backtests_plugin_id",
                table: "backtests",
                column: "plugin_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "backtests");
        }
    }
}
