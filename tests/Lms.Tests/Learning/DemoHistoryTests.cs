using Lms.Contracts.Learning;
using Lms.Modules.Learning.Data;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Learning;

public sealed class DemoHistoryTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task The_demo_city_comes_with_a_believable_history_played_through_the_real_commands()
    {
        await Factory.RunRecipeAsync("step0-dx-mindset.recipe.json");
        await Factory.RunRecipeAsync("demo.recipe.json");

        var staff = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var mine = (await LearnerApi.EnrolmentsAsync(staff)).ToDictionary(e => (string?)e!["tier"] ?? "core", e => e!);
        Assert.Equal("completed", (string)mine["core"]["status"]!);
        Assert.Equal("inProgress", (string)mine["general"]["status"]!);
        var due = DateOnly.Parse((string)mine["general"]["dueDate"]!, System.Globalization.CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);
        Assert.InRange(due.DayNumber - today.DayNumber, 0, 7);

        var (people, finished, started, completions) = await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var enrolments = await db.Enrolments.AsNoTracking().ToListAsync();
            var byPerson = enrolments.GroupBy(e => e.StaffId).ToList();
            var done = byPerson.Count(g => g.All(e => e.CompletedAt is not null));
            var begun = byPerson.Count(g => g.Any(e => e.StartedAt is not null) && !g.All(e => e.CompletedAt is not null));
            return (byPerson.Count, done, begun, enrolments.Count(e => e.CompletedAt is not null));
        });
        Assert.InRange(finished, people / 4, people / 2); // about a third finished
        Assert.InRange(started, people / 5, people / 2);  // about a third under way
        Assert.Equal(completions, Factory.Events.Of<CourseCompleted>().Count); // through the real commands: one event per completion

        // demo-manager's team: two finished, one behind (the core was due ten days before set-up).
        var team = await Factory.WithScopeAsync(async sp =>
        {
            var mediator = sp.GetRequiredService<MediatR.IMediator>();
            var manager = await mediator.Send(new Lms.Contracts.Organization.FindStaffByUserName("demo-manager"));
            var members = await mediator.Send(new Lms.Contracts.Organization.GetTeamMembers(manager!.Value));
            var db = sp.GetRequiredService<LearningDbContext>();
            return await db.Enrolments.AsNoTracking().Where(e => members.Contains(e.StaffId)).ToListAsync();
        });
        var teamToday = today;
        Assert.True(team.GroupBy(e => e.StaffId).Count(g => g.All(e => e.CompletedAt is not null)) >= 2);
        Assert.Contains(team, e => e.CompletedAt is null && e.DueDate < teamToday);
    }
}
