using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bourse.Persistence.Migrations.Postgres
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
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    dtbp_check = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    trade_confirm_email = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    suspend_trade = table.Column<bool>(type: "boolean", nullable: false),
                    no_shorting = table.Column<bool>(type: "boolean", nullable: false),
                    fractional_trading = table.Column<bool>(type: "boolean", nullable: false),
                    max_margin_multiplier = table.Column<decimal>(type: "numeric", nullable: false),
                    pdt_check = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ptp_no_exception_entry = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
