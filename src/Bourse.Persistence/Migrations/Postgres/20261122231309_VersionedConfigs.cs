using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bourse.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VersionedConfigs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_configs_plugin_id_version",
                table: "configs");

            migrationBuilder.AddColumn<int>(
                name: "config_version",
                table: "runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name",
                table: "configs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_configs_owner_id_plugin_id_name_version",
                table: "configs",
                columns: new[] { "owner_id", "plugin_id", "name", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_configs_plugin_id",
                table: "configs",
                column: "plugin_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_configs_owner_id_plugin_id_name_version",
                table: "configs");

            migrationBuilder.DropIndex(
                name: "IX_configs_plugin_id",
                table: "configs");

            migrationBuilder.DropColumn(
                name: "config_version",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "name",
                table: "configs");

            migrationBuilder.CreateIndex(
                name: "IX_configs_plugin_id_version",
                table: "configs",
                columns: new[] { "plugin_id", "version" },
                unique: true);
        }
    }
}
