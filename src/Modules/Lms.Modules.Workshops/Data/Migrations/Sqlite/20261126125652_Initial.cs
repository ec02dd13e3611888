using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lms.Modules.Workshops.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "workshops_artefacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentJson = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_artefacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "workshops_audit",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "workshops_registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SeatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PromotedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PromotionSeen = table.Column<bool>(type: "INTEGER", nullable: false),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attendance = table.Column<int>(type: "INTEGER", nullable: false),
                    AttendanceAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AttendanceBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CheckedInAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_registrations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "workshops_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OnlineUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrationDeadline = table.Column<long>(type: "INTEGER", nullable: false),
                    Tiers = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CheckInCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SeatVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "workshops_signoffs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SignedOffAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SignedOffBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReversedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReversedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReversalReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_signoffs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "workshops_teams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_teams", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "workshops_session_facilitators",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_session_facilitators", x => new { x.SessionId, x.StaffId });
                    table.ForeignKey(
                        name: "FK_workshops_session_facilitators_workshops_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "workshops_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshops_team_members",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_team_members", x => new { x.TeamId, x.StaffId });
                    table.ForeignKey(
                        name: "FK_workshops_team_members_workshops_teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "workshops_teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_workshops_artefacts_TeamId_Kind",
                table: "workshops_artefacts",
                columns: new[] { "TeamId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_workshops_audit_SessionId_At",
                table: "workshops_audit",
                columns: new[] { "SessionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_workshops_registrations_SessionId_StaffId",
                table: "workshops_registrations",
                columns: new[] { "SessionId", "StaffId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_workshops_registrations_StaffId_Status",
                table: "workshops_registrations",
                columns: new[] { "StaffId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_workshops_session_facilitators_StaffId",
                table: "workshops_session_facilitators",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_sessions_ActivityId_StartsAt",
                table: "workshops_sessions",
                columns: new[] { "ActivityId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_workshops_sessions_CheckInCode",
                table: "workshops_sessions",
                column: "CheckInCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_workshops_sessions_StartsAt",
                table: "workshops_sessions",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_signoffs_SessionId_StaffId",
                table: "workshops_signoffs",
                columns: new[] { "SessionId", "StaffId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_workshops_signoffs_StaffId_ActivityId",
                table: "workshops_signoffs",
                columns: new[] { "StaffId", "ActivityId" },
                unique: true,
                filter: "\"ReversedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_team_members_SessionId_StaffId",
                table: "workshops_team_members",
                columns: new[] { "SessionId", "StaffId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_workshops_teams_SessionId_Number",
                table: "workshops_teams",
                columns: new[] { "SessionId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "workshops_artefacts");

            migrationBuilder.DropTable(
                name: "workshops_audit");

            migrationBuilder.DropTable(
                name: "workshops_registrations");

            migrationBuilder.DropTable(
                name: "workshops_session_facilitators");

            migrationBuilder.DropTable(
                name: "workshops_signoffs");

            migrationBuilder.DropTable(
                name: "workshops_team_members");

            migrationBuilder.DropTable(
                name: "workshops_sessions");

            migrationBuilder.DropTable(
                name: "workshops_teams");
        }
    }
}
