using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bourse.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CrashRecovery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "strategy_state",
                table: "runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "strategy_state_saved_at",
                table: "runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "expire_time",
                table: "orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "post_only",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "reduce_only",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "trailing_offset",
                table: "orders",
                type: "TEXT",
                precision: 28,
                scale: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trailing_offset_type",
                table: "orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "trigger_price",
                table: "orders",
                type: "TEXT",
                precision: 28,
                scale: 10,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "strategy_state",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "strategy_state_saved_at",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "expire_time",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "post_only",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "reduce_only",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "trailing_offset",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "trailing_offset_type",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "trigger_price",
                table: "orders");
        }
    }
}
