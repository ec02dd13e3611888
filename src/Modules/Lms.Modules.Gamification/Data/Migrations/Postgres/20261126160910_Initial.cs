using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lms.Modules.Gamification.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BadgeId = table.Column<Guid>(type: "uuid", nullable: true),
                    AwardId = table.Column<Guid>(type: "uuid", nullable: true),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gamification_awards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BadgeId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    AwardedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: true),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: true),
                    EvidenceAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AwardedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_awards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gamification_badges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    NameJa = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DescriptionJa = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DescriptionEn = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CriteriaJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ImageKind = table.Column<int>(type: "integer", nullable: false),
                    Palette = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Icon = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Label = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ImageContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ImageBytes = table.Column<byte[]>(type: "bytea", nullable: true),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    CriteriaRevision = table.Column<int>(type: "integer", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_badges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gamification_challenges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TitleJa = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrgUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    TargetPercent = table.Column<int>(type: "integer", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_challenges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gamification_points",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: true),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    RequestedPoints = table.Column<int>(type: "integer", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "date", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_points", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gamification_preferences",
                columns: table => new
                {
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplaysEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    JoinRankings = table.Column<bool>(type: "boolean", nullable: false),
                    ShowNameInRankings = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_preferences", x => x.StaffId);
                });

            migrationBuilder.CreateTable(
                name: "gamification_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gamification_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gamification_signing_keys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "text", nullable: false),
                    PublicJwk = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
