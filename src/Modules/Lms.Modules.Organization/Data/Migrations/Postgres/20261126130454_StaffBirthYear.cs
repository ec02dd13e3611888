using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lms.Modules.Organization.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StaffBirthYear : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BirthYear",
                table: "organization_staff",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BirthYear",
                table: "organization_staff");
        }
    }
}
