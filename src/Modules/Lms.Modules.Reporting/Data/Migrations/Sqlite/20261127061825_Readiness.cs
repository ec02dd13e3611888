using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lms.Modules.Reporting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Readiness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reporting_readiness",
                columns: table => new
                {
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ItemKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrgUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false),
                    PreSum = table.Column<int>(type: "INTEGER", nullable: false),
                    PreCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PostSum = table.Column<int>(type: "INTEGER", nullable: false),
                    PostCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reporting_readiness", x => new { x.StaffId, x.Instrument, x.ItemKey });
                });

            migrationBuilder.CreateIndex(
                name: "IX_reporting_readiness_Instrument_ItemKey",
                table: "reporting_readiness",
                columns: new[] { "Instrument", "ItemKey" });

            // Sites set up before this table existed: forget that the first rebuild ran, so the next start queues one
            // and fills the table from the survey answers (until then the readiness index shows no respondents).
            migrationBuilder.DeleteData(
                table: "reporting_rebuilds",
                keyColumn: "Id",
                keyValue: Lms.Modules.Reporting.Projection.FirstRebuild.MarkerId);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reporting_readiness");
        }
    }
}
