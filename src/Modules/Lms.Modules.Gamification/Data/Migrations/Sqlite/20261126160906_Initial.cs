using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lms.Modules.Gamification.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gamification_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BadgeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AwardId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gamification_awards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BadgeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AwardedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EvidenceAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AwardedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    IsPublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_awards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gamification_badges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    NameJa = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DescriptionJa = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DescriptionEn = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CriteriaJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ImageKind = table.Column<int>(type: "INTEGER", nullable: false),
                    Palette = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Icon = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ImageContentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ImageBytes = table.Column<byte[]>(type: "BLOB", nullable: true),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CriteriaRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_badges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gamification_challenges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TitleJa = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrgUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TargetPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_challenges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gamification_points",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_points", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gamification_preferences",
                columns: table => new
                {
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplaysEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    JoinRankings = table.Column<bool>(type: "INTEGER", nullable: false),
                    ShowNameInRankings = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_preferences", x => x.StaffId);
                });

            migrationBuilder.CreateTable(
                name: "gamification_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gamification_signing_keys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", nullable: false),
                    PublicJwk = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_signing_keys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_gamification_audit_At",
                table: "gamification_audit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_gamification_awards_BadgeId_StaffId",
                table: "gamification_awards",
                columns: new[] { "BadgeId", "StaffId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gamification_awards_StaffId_AwardedAt",
                table: "gamification_awards",
                columns: new[] { "StaffId", "AwardedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_gamification_badges_Key",
                table: "gamification_badges",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gamification_challenges_Key",
                table: "gamification_challenges",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gamification_points_StaffId_LocalDate",
                table: "gamification_points",
                columns: new[] { "StaffId", "LocalDate" });

            migrationBuilder.CreateIndex(
                name: "IX_gamification_points_StaffId_SourceKey",
                table: "gamification_points",
                columns: new[] { "StaffId", "SourceKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gamification_audit");

            migrationBuilder.DropTable(
                name: "gamification_awards");

            migrationBuilder.DropTable(
                name: "gamification_badges");

            migrationBuilder.DropTable(
                name: "gamification_challenges");

            migrationBuilder.DropTable(
                name: "gamification_points");

            migrationBuilder.DropTable(
                name: "gamification_preferences");

            migrationBuilder.DropTable(
                name: "gamification_settings");

            migrationBuilder.DropTable(
                name: "gamification_signing_keys");
        }
    }
}
