using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lms.Modules.Learning.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "learning_activity_completions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CourseVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_activity_completions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    OrgUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IncludeSubUnits = table.Column<bool>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_assignments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_enrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssignmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EnrolledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastActivityAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_enrolments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_quiz_attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: false),
                    ScorePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CourseVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_quiz_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: true),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: true),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_responses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_learning_activity_completions_StaffId_ActivityId",
                table: "learning_activity_completions",
                columns: new[] { "StaffId", "ActivityId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_activity_completions_StaffId_CourseId",
                table: "learning_activity_completions",
                columns: new[] { "StaffId", "CourseId" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_assignments_CourseId",
                table: "learning_assignments",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_assignments_Key",
                table: "learning_assignments",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_enrolments_CourseId_CompletedAt",
                table: "learning_enrolments",
                columns: new[] { "CourseId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_enrolments_StaffId_CourseId",
                table: "learning_enrolments",
                columns: new[] { "StaffId", "CourseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_quiz_attempts_StaffId_ActivityId_Number",
                table: "learning_quiz_attempts",
                columns: new[] { "StaffId", "ActivityId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_responses_Instrument_Phase",
                table: "learning_responses",
                columns: new[] { "Instrument", "Phase" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_responses_StaffId_ActivityId",
                table: "learning_responses",
                columns: new[] { "StaffId", "ActivityId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "learning_activity_completions");

            migrationBuilder.DropTable(
                name: "learning_assignments");

            migrationBuilder.DropTable(
                name: "learning_enrolments");

            migrationBuilder.DropTable(
                name: "learning_quiz_attempts");

            migrationBuilder.DropTable(
                name: "learning_responses");
        }
    }
}
