using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Lms.Tests.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;

namespace Lms.Tests.Organization;

public sealed class DemoCityTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task The_demo_recipe_builds_a_city_hall_of_500_with_the_demo_accounts()
    {
        await Factory.InstallDemoCityAsync();

        await Factory.WithScopeAsync<bool>(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            Assert.Equal(500, await db.Staff.CountAsync());
            var tiers = await db.Staff.GroupBy(s => s.Tier).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            Assert.All([StaffTier.Executive, StaffTier.Manager, StaffTier.General], t => Assert.True(tiers.GetValueOrDefault(t) > 0));
            var unitNames = await db.OrgUnits.Select(u => u.Name).ToListAsync();
            Assert.Contains("市民課", unitNames);
            Assert.Contains("税務課", unitNames);
            Assert.Contains("デジタル推進課", unitNames);

            var staff = await sp.GetMeAsync("demo-staff");
            var manager = await sp.GetMeAsync("demo-manager");
            var admin = await sp.GetMeAsync("demo-admin");
            Assert.Equal("general", staff.Tier);
            Assert.Equal("manager", manager.Tier);
            Assert.Contains("Admin", admin.Roles);
            Assert.Contains("Manager", manager.Roles);

            // demo-manager is a section chief whose scope holds a real team, demo-staff among them.
            var chart = await OrgChart.LoadAsync(db, default);
            var managed = await db.UnitManagers.Where(m => m.StaffId == manager.StaffId).Select(m => m.OrgUnitId).ToListAsync();
            var scope = chart.Subtrees(managed);
            Assert.Contains(staff.OrgUnitId!.Value, scope);
            Assert.True(await db.Staff.CountAsync(s => scope.Contains(s.OrgUnitId) && s.Id != manager.StaffId) >= 5);

            // demo-facilitator runs workshops from the HR training team, outside demo-manager's team.
            var facilitator = await sp.GetMeAsync("demo-facilitator");
            Assert.Equal(["Facilitator", "Staff"], facilitator.Roles.Order(StringComparer.Ordinal));
            Assert.Equal("general", facilitator.Tier);
            Assert.DoesNotContain(facilitator.OrgUnitId!.Value, scope);
            Assert.Equal("総務部/人事課/人事研修係", (await db.OrgUnits.SingleAsync(u => u.Id == facilitator.OrgUnitId)).Path);

            // Everyone has a year of birth, so teams can mix ages.
            Assert.False(await db.Staff.AnyAsync(s => s.BirthYear == null));
            Assert.InRange(await db.Staff.MinAsync(s => s.BirthYear!.Value), 1966, 1975);
            Assert.InRange(await db.Staff.MaxAsync(s => s.BirthYear!.Value), 1995, 2004);
            return true;
        });
    }

    [Fact]
    public async Task Demo_facilitator_signs_in_with_the_demo_password_and_opens_the_facilitators_pages()
    {
        await Factory.InstallDemoCityAsync();

        var facilitator = await SiteClient.SignInAsync(Factory, "demo-facilitator");

        Assert.Equal(HttpStatusCode.OK, (await facilitator.GetAsync("/facilitate/reflections")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await facilitator.GetAsync("/admin/staff")).StatusCode);
    }

    [Fact]
    public async Task Staff_profiles_for_team_building_carry_the_year_of_birth()
    {
        await Factory.InstallDemoCityAsync();

        await Factory.WithScopeAsync<bool>(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            var some = await db.Staff.AsNoTracking().OrderBy(s => s.EmployeeNumber).Take(20).ToListAsync();

            var profiles = await sp.GetRequiredService<IMediator>().Send(new GetStaffProfiles([.. some.Select(s => s.Id)]));

            Assert.Equal(some.Select(s => (s.Id, s.BirthYear)).Order(), profiles.Select(p => (p.StaffId, p.BirthYear)).Order());
            Assert.All(profiles, p => Assert.NotNull(p.BirthYear));
            return true;
        });
    }

    [Fact]
    public async Task The_demo_city_is_the_same_on_every_machine_and_a_rerun_changes_nothing()
    {
        await Factory.InstallDemoCityAsync();
        var first = await Snapshot();

        await Factory.RunRecipeAsync("demo.recipe.json");
        var second = await Snapshot();

        Assert.Equal(first, second);
        // Ids derive from the seed, not from the machine: demo-staff is always the same person.
        Assert.Equal("220012", first.Split('|')[0]);
    }

    private Task<string> Snapshot() => Factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<OrganizationDbContext>();
        var me = await sp.GetMeAsync("demo-staff");
        var staff = await db.Staff.OrderBy(s => s.EmployeeNumber).Select(s => s.Id + s.EmployeeNumber + s.FamilyName + s.OrgUnitId).ToListAsync();
        return $"{me.EmployeeNumber}|{me.FamilyName}{me.GivenName}|{await db.Users.CountAsync()}|{await db.UnitManagers.CountAsync()}|{string.Join(",", staff).GetHashCode(StringComparison.Ordinal)}";
    });
}
