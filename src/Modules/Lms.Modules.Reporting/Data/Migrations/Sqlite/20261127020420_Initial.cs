using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lms.Modules.Reporting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reporting_enrolments",
                columns: table => new
                {
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RequiredCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RequiredDone = table.Column<int>(type: "INTEGER", nullable: false),
                    Started = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastActivityAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reporting_enrolments", x => new { x.StaffId, x.CourseId });
                });

            migrationBuilder.CreateTable(
                name: "reporting_nudges",
                columns: table => new
                {
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reporting_nudges", x => new { x.StaffId, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "reporting_people",
                columns: table => new
                {
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameKana = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrgUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CoursesAssigned = table.Column<int>(type: "INTEGER", nullable: false),
                    CoursesCompleted = table.Column<int>(type: "INTEGER", nullable: false),
                    EarliestOpenDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Percent = table.Column<int>(type: "INTEGER", nullable: false),
                    LastActivityAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WorkshopsAttended = table.Column<int>(type: "INTEGER", nullable: false),
                    Badges = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reporting_people", x => x.StaffId);
                });

            migrationBuilder.CreateTable(
                name: "reporting_rebuilds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reporting_rebuilds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "reporting_sessions",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Seated = table.Column<int>(type: "INTEGER", nullable: false),
                    Attended = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reporting_sessions", x => x.SessionId);
                });

            migrationBuilder.CreateTable(
                name: "reporting_survey_answers",
                columns: table => new
                {
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reporting_survey_answers", x => new { x.StaffId, x.ActivityId, x.ItemKey });
                });

            migrationBuilder.CreateIndex(
                name: "IX_reporting_enrolments_CourseId_CompletedAt",
                table: "reporting_enrolments",
                columns: new[] { "CourseId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_reporting_enrolments_DueDate",
                table: "reporting_enrolments",
                column: "DueDate");

            migrationBuilder.CreateIndex(
                name: "IX_reporting_enrolments_OrgUnitId_CourseId",
                table: "reporting_enrolments",
                columns: new[] { "OrgUnitId", "CourseId" });

            migrationBuilder.CreateIndex(
                name: "IX_reporting_people_EmployeeNumber",
                table: "reporting_people",
                column: "EmployeeNumber");

            migrationBuilder.CreateIndex(
                name: "IX_reporting_people_OrgUnitId_IsActive",
                table: "reporting_people",
                columns: new[] { "OrgUnitId", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_reporting_rebuilds_StartedAt",
                table: "reporting_rebuilds",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_reporting_sessions_StartsAt",
                table: "reporting_sessions",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_reporting_survey_answers_Instrument_Phase_ItemKey",
                table: "reporting_survey_answers",
                columns: new[] { "Instrument", "Phase", "ItemKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reporting_enrolments");

            migrationBuilder.DropTable(
                name: "reporting_nudges");

            migrationBuilder.DropTable(
                name: "reporting_people");

            migrationBuilder.DropTable(
                name: "reporting_rebuilds");

            migrationBuilder.DropTable(
                name: "reporting_sessions");

            migrationBuilder.DropTable(
                name: "reporting_survey_answers");
        }
    }
}
