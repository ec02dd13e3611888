using Lms.Framework.Data;
using Lms.Modules.Organization.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Data;

public class OrganizationDbContext(DbContextOptions options) : IdentityDbContext<LmsUser, LmsRole, Guid>(options)
{
    public const string Prefix = "organization";

    internal DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    internal DbSet<StaffMember> Staff => Set<StaffMember>();
    internal DbSet<UnitManager> UnitManagers => Set<UnitManager>();
    internal DbSet<IntroducedPermission> IntroducedPermissions => Set<IntroducedPermission>();
    internal DbSet<RosterImport> RosterImports => Set<RosterImport>();
    internal DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        ModuleConventions.Apply(configurationBuilder, Database);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<LmsUser>(e =>
        {
            e.ToTable("organization_users");
            e.HasIndex(u => u.StaffId).IsUnique();
        });
        builder.Entity<LmsRole>().ToTable("organization_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<Guid>>().ToTable("organization_user_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("organization_user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("organization_user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("organization_user_tokens");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<Guid>>().ToTable("organization_role_claims");

        builder.Entity<OrgUnit>(e =>
        {
            e.ToTable("organization_units");
            e.HasKey(u => u.Id);
            e.Property(u => u.Name).HasMaxLength(100).IsRequired();
            e.Property(u => u.Path).HasMaxLength(400).IsRequired();
            e.HasIndex(u => u.Path).IsUnique();
            e.HasIndex(u => u.ParentId);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<StaffMember>(e =>
        {
            e.ToTable("organization_staff");
            e.HasKey(s => s.Id);
            e.Property(s => s.EmployeeNumber).HasMaxLength(32).IsRequired();
            e.HasIndex(s => s.EmployeeNumber).IsUnique();
            e.Property(s => s.FamilyName).HasMaxLength(50).IsRequired();
            e.Property(s => s.GivenName).HasMaxLength(50).IsRequired();
            e.Property(s => s.FamilyNameKana).HasMaxLength(100);
            e.Property(s => s.GivenNameKana).HasMaxLength(100);
            e.Property(s => s.Email).HasMaxLength(256);
            e.HasIndex(s => s.Email).IsUnique();
            e.Property(s => s.JobTitle).HasMaxLength(50);
            e.Property(s => s.Tier).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(s => new { s.OrgUnitId, s.IsActive });
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<UnitManager>(e =>
        {
            e.ToTable("organization_unit_managers");
            e.HasKey(m => new { m.StaffId, m.OrgUnitId });
            e.HasIndex(m => m.OrgUnitId);
            e.HasOne<StaffMember>().WithMany().HasForeignKey(m => m.StaffId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(m => m.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<RosterImport>(e =>
        {
            e.ToTable("organization_roster_imports");
            e.HasKey(i => i.Id);
            e.Property(i => i.FileName).HasMaxLength(260).IsRequired();
            e.Property(i => i.StoredPath).HasMaxLength(500).IsRequired();
            e.Property(i => i.RequestedEncoding).HasMaxLength(20);
            e.Property(i => i.DetectedEncoding).HasMaxLength(20);
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Message).HasMaxLength(500);
            e.Property(i => i.RequestedBy).HasMaxLength(256);
            e.Property(i => i.Culture).HasMaxLength(16);
            e.HasIndex(i => i.CreatedAt);
            // At most one import Running, whoever started it (job, command line, another node): see RosterImportLock.
            // The filter is the same SQL on SQLite and PostgreSQL.
            e.HasIndex(i => i.Status).IsUnique().HasFilter("\"Status\" = 'Running'").HasDatabaseName("IX_organization_roster_imports_one_running");
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("organization_audit_entries");
            e.HasKey(a => a.Id);
            e.Property(a => a.Actor).HasMaxLength(256).IsRequired();
            e.Property(a => a.Action).HasMaxLength(64).IsRequired();
            e.Property(a => a.EntityType).HasMaxLength(32).IsRequired();
            e.Property(a => a.EntityId).HasMaxLength(64);
            e.Property(a => a.Summary).HasMaxLength(2000).IsRequired();
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.EntityType, a.EntityId });
        });
        builder.Entity<IntroducedPermission>(e =>
        {
            e.ToTable("organization_introduced_permissions");
            e.HasKey(p => p.Name);
            e.Property(p => p.Name).HasMaxLength(100);
        });
    }
}

public sealed class SqliteOrganizationDbContext(DbContextOptions<SqliteOrganizationDbContext> options) : OrganizationDbContext(options);

public sealed class PostgresOrganizationDbContext(DbContextOptions<PostgresOrganizationDbContext> options) : OrganizationDbContext(options);

internal sealed class SqliteOrganizationDesignTimeFactory : SqliteDesignTimeFactory<SqliteOrganizationDbContext>;

internal sealed class PostgresOrganizationDesignTimeFactory : PostgresDesignTimeFactory<PostgresOrganizationDbContext>;
