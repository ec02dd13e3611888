using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lms.Modules.Learning.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CourseVersion = table.Column<int>(type: "integer", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_activity_completions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Audience = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Tier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    OrgUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    IncludeSubUnits = table.Column<bool>(type: "boolean", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_assignments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_enrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    EnrolledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastActivityAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedVersion = table.Column<int>(type: "integer", nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_enrolments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_quiz_attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    AnswersJson = table.Column<string>(type: "text", nullable: false),
                    ScorePercent = table.Column<int>(type: "integer", nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    CourseVersion = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_quiz_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: true),
                    AnswersJson = table.Column<string>(type: "text", nullable: true),
                    Instrument = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Phase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
