using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bourse.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountConfigurations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_configurations",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    dtbp_check = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    trade_confirm_email = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    suspend_trade = table.Column<bool>(type: "INTEGER", nullable: false),
                    no_shorting = table.Column<bool>(type: "INTEGER", nullable: false),
                    fractional_trading = table.Column<bool>(type: "INTEGER", nullable: false),
                    max_margin_multiplier = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    pdt_check = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ptp_no_exception_entry = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_configurations", x => x.user_id);
                    table.ForeignKey(
                        name: "FK_account_configurations_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_configurations");
        }
    }
}
