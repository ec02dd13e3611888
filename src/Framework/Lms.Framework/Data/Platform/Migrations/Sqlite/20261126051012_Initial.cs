using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lms.Framework.Data.Platform.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_recipe_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ExecutedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExecutedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StepCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_recipe_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_site_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganizationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_site_settings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_platform_recipe_runs_RecipeName",
                table: "platform_recipe_runs",
                column: "RecipeName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_recipe_runs");

            migrationBuilder.DropTable(
                name: "platform_site_settings");
        }
    }
}
