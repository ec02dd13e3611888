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
