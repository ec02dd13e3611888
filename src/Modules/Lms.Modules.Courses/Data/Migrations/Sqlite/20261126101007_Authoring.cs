using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lms.Modules.Courses.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Authoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "courses_courses",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PublishedRevision",
                table: "courses_courses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReviewRequestedAt",
                table: "courses_courses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewRequestedBy",
                table: "courses_courses",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tiers",
                table: "courses_courses",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Courses installed before drafts were tracked: their draft was what they published.
            migrationBuilder.Sql("UPDATE courses_courses SET \"PublishedRevision\" = \"DraftRevision\" WHERE \"PublishedVersion\" IS NOT NULL");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "courses_courses");

            migrationBuilder.DropColumn(
                name: "PublishedRevision",
                table: "courses_courses");

            migrationBuilder.DropColumn(
                name: "ReviewRequestedAt",
                table: "courses_courses");

            migrationBuilder.DropColumn(
                name: "ReviewRequestedBy",
                table: "courses_courses");

            migrationBuilder.DropColumn(
                name: "Tiers",
                table: "courses_courses");
        }
    }
}
