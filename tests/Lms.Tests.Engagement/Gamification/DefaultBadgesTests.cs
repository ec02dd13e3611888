using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Jobs;
using Lms.Tests.Infrastructure;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Gamification;

public sealed class DefaultBadgesTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.RunRecipeAsync("step0-dx-mindset.recipe.json");
    }

    [Fact]
    public async Task The_step0_recipe_installs_a_badge_for_every_workshop_and_running_it_again_changes_nothing()
    {
        var courses = await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetPublishedCourses()));
        var workshops = courses.SelectMany(c => c.Activities).Where(a => a.Kind == ActivityKind.Workshop).Select(a => a.Id).ToList();
        var badges = await GameFixture.GameDb(Factory, db => db.Badges.AsNoTracking().ToListAsync());
        var criteria = badges.Select(b => BadgeCriterion.Parse(b.CriteriaJson)!).ToList();

        Assert.Equal(6, workshops.Count);
        Assert.All(workshops, w => Assert.Contains(criteria, c => c.Kind == CriterionKinds.Workshop && c.Activity == w));
        Assert.All(CriterionKinds.All, kind => Assert.Contains(criteria, c => c.Kind == kind || (kind == CriterionKinds.AllOf && c.Kind == CriterionKinds.AnyOf) || c.Leaves().Any(l => l.Kind == kind)));
        Assert.All(badges, b => Assert.False(string.IsNullOrEmpty(b.NameEn) || string.IsNullOrEmpty(b.DescriptionJa) || b.Key is null));

        await Factory.RunRecipeAsync("step0-dx-mindset.recipe.json");

        var again = await GameFixture.GameDb(Factory, db => db.Badges.AsNoTracking().ToListAsync());
        Assert.Equal(badges.Select(b => (b.Id, b.UpdatedAt, b.CriteriaRevision)).Order(), again.Select(b => (b.Id, b.UpdatedAt, b.CriteriaRevision)).Order());
    }

    [Fact]
    public async Task The_demo_history_earns_demo_staff_points_and_the_badges_of_what_they_did()
    {
        await Factory.InstallDemoCityAsync();
        await Factory.WaitForJobsAsync();
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");

        var keys = await GameFixture.GameDb(Factory, db => (from a in db.Awards
                                                              join b in db.Badges on a.BadgeId equals b.Id
                                                              where a.StaffId == me
                                                              select b.Key).ToListAsync());
        var ledger = await GameFixture.LedgerAsync(Factory, me);

        Assert.Equal(new[] { "course-step0-core", "first-workshop", "workshop-persona-journey" }.Order(), keys.Order());
        Assert.True(ledger.Sum(l => l.Points) >= 100, $"{ledger.Sum(l => l.Points)} points");
        Assert.True(ledger.Select(l => l.LocalDate).Distinct().Count() > 1); // played over several days, as a streak needs
        // Nothing was lost on the way: the reconciliation finds nothing to add.
        var summary = await Factory.WithScopeAsync(sp => sp.GetRequiredService<AwardBadgesJob>().RunAsync(CancellationToken.None));
        Assert.Equal("0 points lines added, 0 badges awarded", summary);
        var everyone = await GameFixture.GameDb(Factory, db => db.Awards.Select(a => a.StaffId).Distinct().CountAsync());
        Assert.True(everyone > 100, $"{everyone} people hold a badge");
    }

    [Fact]
    public async Task Badges_still_to_earn_are_only_those_within_reach_of_ones_courses()
    {
        await Factory.InstallDemoCityAsync();
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");

        var page = await staff.GetStringAsync("/me/achievements");

        Assert.Contains("アイデアを形に", page, StringComparison.Ordinal); // the general course's second workshop, still to do
        Assert.Contains("学び続ける人", page, StringComparison.Ordinal); // points: anyone
        Assert.DoesNotContain("まちの未来を描く", page, StringComparison.Ordinal); // an executives' workshop
        Assert.DoesNotContain("ワークショップ皆勤（管理職）", page, StringComparison.Ordinal);
    }
}
