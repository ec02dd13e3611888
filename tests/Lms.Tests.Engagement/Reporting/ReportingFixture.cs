using Lms.Contracts.Organization;
using Lms.Modules.Reporting.Data;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Reporting;

/// <summary>A small demo city with the Learning tests' course (general staff), and ways to read the read models.</summary>
internal static class ReportingFixture
{
    /// <summary>The demo city and the test course; <paramref name="dueInDays"/> negative makes everyone unfinished overdue.</summary>
    public static async Task SetUpAsync(LmsAppFactory factory, int dueInDays = 14, int staff = 100)
    {
        await factory.SeedDemoAsync(staff);
        await factory.RunRecipeJsonAsync(TestCourse.Recipe(audience: $$"""{"course": "t-general", "audience": "tier", "tier": "general", "dueInDays": {{dueInDays}}}"""));
        await RefreshAsync(factory);
    }

    /// <summary>What the host does every couple of seconds, twice (enrolments made by one flush are reported by the next).</summary>
    public static async Task RefreshAsync(LmsAppFactory factory)
    {
        await factory.FlushDeferredWorkAsync();
        await factory.WaitForJobsAsync();
        await factory.FlushDeferredWorkAsync();
        await factory.WaitForJobsAsync();
    }

    public static Task<T> Db<T>(LmsAppFactory factory, Func<ReportingDbContext, Task<T>> query) =>
        factory.WithScopeAsync(sp => query(sp.GetRequiredService<ReportingDbContext>()));

    public static Task<IReadOnlyList<OrgUnitSummary>> ManagedUnitsAsync(LmsAppFactory factory, string userName) =>
        factory.WithScopeAsync(async sp => await sp.GetRequiredService<IMediator>().Send(new GetManagedUnits(await WorkshopFixture.StaffIdAsync(factory, userName))));

    public static Task<IReadOnlyList<Guid>> TeamAsync(LmsAppFactory factory, string userName) =>
        factory.WithScopeAsync(async sp => await sp.GetRequiredService<IMediator>().Send(new GetTeamMembers(await WorkshopFixture.StaffIdAsync(factory, userName))));

    /// <summary>A unit with people that demo-manager does not manage (nor any unit above it).</summary>
    public static async Task<OrgUnitSummary> ForeignUnitAsync(LmsAppFactory factory)
    {
        var managed = (await ManagedUnitsAsync(factory, "demo-manager")).Select(u => u.Id).ToHashSet();
        var people = await Db(factory, db => db.People.AsNoTracking().Select(p => p.OrgUnitId).Distinct().ToListAsync());
        var units = await factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetOrgUnits()));
        return units.First(u => !managed.Contains(u.Id) && people.Contains(u.Id));
    }

    public static async Task<List<ReportPerson>> PeopleAsync(LmsAppFactory factory, IReadOnlyCollection<Guid> ids) =>
        await Db(factory, db => db.People.AsNoTracking().Where(p => ids.Contains(p.StaffId)).ToListAsync());
}
