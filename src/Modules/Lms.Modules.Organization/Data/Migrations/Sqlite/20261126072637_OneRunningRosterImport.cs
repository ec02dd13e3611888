using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lms.Modules.Organization.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneRunningRosterImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A run that died could have left more than one import Running, which the index would refuse:
            // all but the latest are recorded as interrupted (none of them had committed anything).
            migrationBuilder.Sql("""
                UPDATE organization_roster_imports
                SET "Status" = 'Failed',
                    "Message" = CASE WHEN "Culture" LIKE 'en%' THEN 'The import was interrupted and changed nothing.'
                                     ELSE '取り込みは中断されました。何も変更していません。' END
                WHERE "Status" = 'Running'
                  AND "Id" <> (SELECT "Id" FROM organization_roster_imports WHERE "Status" = 'Running' ORDER BY "CreatedAt" DESC LIMIT 1);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_organization_roster_imports_one_running",
                table: "organization_roster_imports",
                column: "Status",
                unique: true,
                filter: "\"Status\" = 'Running'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_organization_roster_imports_one_running",
                table: "organization_roster_imports");
        }
    }
}
