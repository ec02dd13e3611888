using System.Globalization;
using System.Net;
using Lms.Contracts.Courses;
using Lms.Contracts.Gamification;
using Lms.Contracts.Learning;
using Lms.Contracts.Workshops;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Jobs;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lms.Tests.Workshops.AttendanceHelpers;

namespace Lms.Tests.Gamification;

public sealed class AwardingTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await GameFixture.SetUpAsync(Factory);
        Factory.Events.Clear();
    }

    [Fact]
    public async Task A_facilitators_sign_off_awards_the_workshop_badge_once_with_the_session_as_evidence()
    {
        var badge = await GameFixture.DefineAsync(Factory, "ワークショップ修了", BadgeCriterion.ForWorkshop(WorkshopFixture.WorkshopId));
        var (session, people) = await SessionAsync(Factory, 2);
        var api = await ApiAsync(Factory, "demo-admin");
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { present = people })).Response.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = people })).Response.StatusCode);

        foreach (var person in people)
        {
            var award = Assert.Single(await GameFixture.AwardsAsync(Factory, person));
            Assert.Equal((badge.Id, "workshop", WorkshopFixture.WorkshopId, session), (award.BadgeId, award.Evidence, award.ActivityId!.Value, award.SessionId!.Value));
            Assert.Equal(GameFixture.CourseId, award.CourseId);
            Assert.NotNull(award.EvidenceAt);
        }

        var events = Factory.Events.Of<BadgeAwarded>();
        Assert.Equal(people.Order(), events.Select(e => e.StaffId).Order());
        Assert.All(events, e => Assert.Equal(("ワークショップ修了", session), (e.BadgeName, e.SessionId!.Value)));
    }

    [Fact]
    public async Task Twenty_parallel_deliveries_of_the_same_sign_off_and_completion_yield_one_award_and_one_event()
    {
        await GameFixture.DefineAsync(Factory, "ワークショップ修了", BadgeCriterion.ForWorkshop(WorkshopFixture.WorkshopId));
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var session = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);

        // The same events delivered over and over at once: what a replay, a retry or two nodes would do.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Factory.WithScopeAsync(sp => i % 2 == 0
            ? sp.GetRequiredService<IMediator>().Publish(new WorkshopCompleted(me, WorkshopFixture.WorkshopId, session, null, at))
            : sp.GetRequiredService<IMediator>().Publish(new ActivityCompleted(me, GameFixture.CourseId, 1, WorkshopFixture.WorkshopId, ActivityKind.Workshop, at)))));

        var award = Assert.Single(await GameFixture.AwardsAsync(Factory, me));
        Assert.Equal(session, award.SessionId);
        Assert.Single(Factory.Events.Of<BadgeAwarded>());
        var ledger = await GameFixture.LedgerAsync(Factory, me);
        Assert.Single(ledger); // the workshop's points, once
        Assert.Equal(50, ledger[0].Points);
    }

    [Fact]
    public async Task Completing_the_course_awards_course_points_and_combination_badges_with_the_completion_as_evidence()
    {
        var course = await GameFixture.DefineAsync(Factory, "コース修了", BadgeCriterion.ForCourse(GameFixture.CourseId));
        // 10 + 20 + 15 + 5 for the activities and 50 for the course: 100 in all.
        var allOf = await GameFixture.DefineAsync(Factory, "両方", BadgeCriterion.AllOf(BadgeCriterion.ForCourse(GameFixture.CourseId), BadgeCriterion.ForPoints(100)));
        var tooMany = await GameFixture.DefineAsync(Factory, "まだ", BadgeCriterion.AllOf(BadgeCriterion.ForCourse(GameFixture.CourseId), BadgeCriterion.ForPoints(101)));
        var anyOf = await GameFixture.DefineAsync(Factory, "どちらか", BadgeCriterion.AnyOf(BadgeCriterion.ForWorkshop(WorkshopFixture.WorkshopId), BadgeCriterion.ForCourse(GameFixture.CourseId)));
        var workshop = await GameFixture.DefineAsync(Factory, "ワークショップ", BadgeCriterion.ForWorkshop(WorkshopFixture.WorkshopId));
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");

        await GameFixture.CompleteCourseAsync(await LearnerApi.LearnerAsync(Factory, "demo-staff"));

        var awards = (await GameFixture.AwardsAsync(Factory, me)).ToDictionary(a => a.BadgeId);
        Assert.Equal(new[] { course.Id, allOf.Id, anyOf.Id }.Order(), awards.Keys.Order());
        Assert.DoesNotContain(tooMany.Id, awards.Keys);
        Assert.DoesNotContain(workshop.Id, awards.Keys);
        Assert.Equal(("course", GameFixture.CourseId), (awards[course.Id].Evidence, awards[course.Id].CourseId!.Value));
        Assert.Equal("course", awards[anyOf.Id].Evidence);
        var ledger = await GameFixture.LedgerAsync(Factory, me);
        Assert.Equal(["lesson", "quiz", "reflection", "survey", "course"], ledger.Select(l => l.Kind));
        Assert.Equal(100, ledger.Sum(l => l.Points));
    }

    [Fact]
    public async Task A_badge_defined_later_is_awarded_retroactively_to_those_who_already_qualify_and_a_second_run_adds_nothing()
    {
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        await GameFixture.CompleteLessonAsync(await LearnerApi.LearnerAsync(Factory, "demo-staff"));
        Assert.Empty(await GameFixture.AwardsAsync(Factory, me));

        var badge = await GameFixture.DefineAsync(Factory, "10ポイント", BadgeCriterion.ForPoints(10));
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<AwardBadgesJob>().RunForBadgesAsync([badge.Id], CancellationToken.None));
        var second = await Factory.WithScopeAsync(sp => sp.GetRequiredService<AwardBadgesJob>().RunForBadgesAsync([badge.Id], CancellationToken.None));

        var award = Assert.Single(await GameFixture.AwardsAsync(Factory, me));
        Assert.Equal((badge.Id, "points", "retroactive"), (award.BadgeId, award.Evidence, award.Reason));
        Assert.Single(Factory.Events.Of<BadgeAwarded>());
        Assert.StartsWith("0 ", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_a_badge_enqueues_its_retroactive_award_which_the_job_server_runs()
    {
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        await GameFixture.CompleteLessonAsync(await LearnerApi.LearnerAsync(Factory, "demo-staff"));

        var badge = await GameFixture.DefineAsync(Factory, "はじめの一歩", BadgeCriterion.ForPoints(5));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (await GameFixture.AwardsAsync(Factory, me)).Count == 0)
        {
            await Task.Delay(200);
        }

        Assert.Equal(badge.Id, Assert.Single(await GameFixture.AwardsAsync(Factory, me)).BadgeId);
    }

    [Fact]
    public async Task Changing_criteria_bumps_the_revision_and_awards_the_new_qualifiers_while_earlier_awards_stay()
    {
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var badge = await GameFixture.DefineAsync(Factory, "ワークショップ", BadgeCriterion.ForWorkshop(WorkshopFixture.WorkshopId));
        await GameFixture.CompleteLessonAsync(await LearnerApi.LearnerAsync(Factory, "demo-staff"));
        Assert.Empty(await GameFixture.AwardsAsync(Factory, me));

        var changed = await Factory.WithScopeAsync(async sp =>
        {
            var definitions = sp.GetRequiredService<Lms.Modules.Gamification.Features.Badges.BadgeDefinitions>();
            var (saved, problems) = await definitions.SaveAsync(badge.Id, new(null, "ワークショップか学習", "", "", "",
                BadgeCriterion.AnyOf(BadgeCriterion.ForWorkshop(WorkshopFixture.WorkshopId), BadgeCriterion.ForPoints(10)), "teal", "star", "", 0), "tests");
            Assert.Empty(problems);
            return saved!;
        });
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<AwardBadgesJob>().RunForBadgesAsync([badge.Id], CancellationToken.None));

        Assert.Equal(2, changed.CriteriaRevision);
        Assert.Equal(badge.Id, Assert.Single(await GameFixture.AwardsAsync(Factory, me)).BadgeId);
        var audit = await GameFixture.GameDb(Factory, db => db.Audit.AsNoTracking().Where(a => a.BadgeId == badge.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["badge-created", "badge-changed"], audit);
    }

    [Fact]
    public async Task Criteria_that_name_nothing_published_are_refused_with_reasons_and_nothing_is_written()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
        var problems = await Factory.WithScopeAsync(async sp =>
        {
            var definitions = sp.GetRequiredService<Lms.Modules.Gamification.Features.Badges.BadgeDefinitions>();
            var (saved, problems) = await definitions.SaveAsync(null, new(null, "", "", "", "",
                BadgeCriterion.AllOf(BadgeCriterion.ForWorkshop(GameFixture.ActivityId("l1")), BadgeCriterion.ForCourse(Guid.NewGuid()), BadgeCriterion.ForPoints(0)), "neon", "star", "長すぎる言葉", 0), "tests");
            Assert.Null(saved);
            return problems;
        });

        Assert.Contains("バッジの名前（日本語、100文字以内）を入力してください。", problems);
        Assert.Contains("公開中のコースのワークショップを選んでください。", problems); // a lesson is not a workshop
        Assert.Contains("公開中のコースを選んでください。", problems);
        Assert.Contains("ポイントの基準は1から1,000,000までです。", problems);
        Assert.Contains("色とアイコンを一覧から選んでください。", problems);
        Assert.Contains("バッジに入れる文字は4文字以内です。", problems);
        Assert.Equal(0, await GameFixture.GameDb(Factory, db => db.Badges.CountAsync()));
    }
}
