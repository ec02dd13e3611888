using Lms.Contracts.Gamification;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Tests.Infrastructure;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using static Lms.Tests.Gamification.AdminFixture;

namespace Lms.Tests.Gamification;

/// <summary>
/// A badge made in the admin area reaches the people who met its criteria before it existed. The test waits
/// for the real thing: the retroactive job the save enqueues, run by the Hangfire worker (in-memory storage,
/// one worker in tests), polled for up to a minute.
/// </summary>
public sealed class AdminRetroactiveAwardTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task A_new_course_badge_reaches_everyone_who_completed_the_course_before_it_existed()
    {
        await Factory.InstallDemoCityAsync();
        var core = (await CoursesAsync(Factory)).Single(c => c.Key == "step0-core");
        var completed = await Factory.WithScopeAsync(async sp =>
        {
            var mediator = sp.GetRequiredService<IMediator>();
            var active = (await mediator.Send(new GetStaffPlacements())).Where(p => p.IsActive).Select(p => p.StaffId).ToHashSet();
            var records = await mediator.Send(new GetLearningRecords());
            return records.Enrolments.Where(e => e.CourseId == core.Id && e.CompletedAt is not null && active.Contains(e.StaffId)).Select(e => e.StaffId).ToHashSet();
        });
        Assert.NotEmpty(completed); // the demo history has people who finished the core

        var admin = await AdminAsync(Factory);
        var id = BadgeIdFrom(await PostMultipartAsync(admin, "/admin/badges/new",
            BadgeFields("コア修了（後から）", ("Criterion.Kind", "course"), ("Criterion.Course", core.Id.ToString()))));

        var awards = await AwardsAsync(Factory, id);
        for (var waited = TimeSpan.Zero; awards.Count < completed.Count && waited < TimeSpan.FromSeconds(60); waited += TimeSpan.FromMilliseconds(250))
        {
            await Task.Delay(250);
            awards = await AwardsAsync(Factory, id);
        }

        Assert.Equal(completed.Order(), awards.Select(a => a.StaffId).Order());
        Assert.All(awards, a =>
        {
            Assert.Equal(("course", core.Id, "retroactive"), (a.Evidence, a.CourseId!.Value, a.Reason!));
            Assert.NotNull(a.EvidenceAt);
        });
        Assert.Equal(completed.Count, Factory.Events.Of<BadgeAwarded>().Count(e => e.BadgeId == id));

        // The badge page counts them and says what earned each award.
        var page = await BodyAsync(await admin.GetAsync($"/admin/badges/{id}"));
        Assert.Contains($"{completed.Count} 人がこのバッジを持っています", page, StringComparison.Ordinal);
        Assert.Contains($"コース「{core.Title}」（", page, StringComparison.Ordinal);
        Assert.Contains("（バッジ作成時にさかのぼって付与）", page, StringComparison.Ordinal);
    }
}
