using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Jobs;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Gamification;

public sealed class PointsTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await GameFixture.SetUpAsync(Factory);
    }

    private Task SetCapAsync(int cap) => Factory.WithScopeAsync(async sp =>
    {
        var store = sp.GetRequiredService<GameSettingsStore>();
        await store.SaveAsync((await store.GetAsync()) with { DailyCap = cap });
    });

    [Fact]
    public async Task The_daily_cap_cuts_points_on_the_site_day_and_records_what_was_asked()
    {
        await SetCapAsync(25);
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");

        await GameFixture.CompleteCourseAsync(await LearnerApi.LearnerAsync(Factory, "demo-staff"));

        var ledger = await GameFixture.LedgerAsync(Factory, me);
        Assert.Equal(["lesson", "quiz", "reflection", "survey", "course"], ledger.Select(l => l.Kind));
        Assert.Equal([10, 15, 0, 0, 0], ledger.Select(l => l.Points));
        Assert.Equal([10, 20, 15, 5, 50], ledger.Select(l => l.RequestedPoints));
        Assert.Single(ledger.Select(l => l.LocalDate).Distinct());
    }

    [Fact]
    public async Task Points_earned_on_another_day_are_not_cut_by_todays_cap()
    {
        await SetCapAsync(20);
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Publish(new ActivityCompleted(me, GameFixture.CourseId, 1, GameFixture.ActivityId("q1"), ActivityKind.Quiz, yesterday)));

        await GameFixture.CompleteLessonAsync(await LearnerApi.LearnerAsync(Factory, "demo-staff"));

        Assert.Equal([20, 10], (await GameFixture.LedgerAsync(Factory, me)).Select(l => l.Points));
    }

    [Fact]
    public async Task A_replayed_completion_adds_no_line_and_a_reversal_adds_a_negative_one()
    {
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var completed = new ActivityCompleted(me, GameFixture.CourseId, 1, WorkshopFixture.WorkshopId, ActivityKind.Workshop, at);
        var reversed = new ActivityCompletionReversed(me, GameFixture.CourseId, WorkshopFixture.WorkshopId, false, at.AddMinutes(1));

        for (var i = 0; i < 3; i++)
        {
            await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Publish(completed));
        }

        await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Publish(reversed));
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Publish(reversed));

        var ledger = await GameFixture.LedgerAsync(Factory, me);
        Assert.Equal([("workshop", 50), ("reversal", -50)], ledger.Select(l => (l.Kind, l.Points)));
        Assert.Equal(0, await Factory.WithScopeAsync(sp => sp.GetRequiredService<Lms.Modules.Gamification.Features.Points.PointsLedger>().TotalAsync(me)));
    }

    [Fact]
    public async Task When_gamification_fails_the_learning_record_stands_and_the_nightly_job_makes_the_points_good()
    {
        if (LmsAppFactory.PostgresConnectionString is not null)
        {
            return; // breaking a table on purpose is done on SQLite; the reconciliation itself runs on both
        }

        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var client = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        await ExecuteAsync("ALTER TABLE gamification_points RENAME TO gamification_points_away");
        try
        {
            await GameFixture.CompleteLessonAsync(client); // its points cannot be written
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE gamification_points_away RENAME TO gamification_points");
        }

        var (_, activities, _) = await LearnerApi.CourseAsync(client);
        Assert.Equal("completed", activities[0].State);
        Assert.Empty(await GameFixture.LedgerAsync(Factory, me));

        var summary = await Factory.WithScopeAsync(sp => sp.GetRequiredService<AwardBadgesJob>().RunAsync(CancellationToken.None));
        var again = await Factory.WithScopeAsync(sp => sp.GetRequiredService<AwardBadgesJob>().RunAsync(CancellationToken.None));

        var line = Assert.Single(await GameFixture.LedgerAsync(Factory, me));
        Assert.Equal(("lesson", 10), (line.Kind, line.Points));
        Assert.StartsWith("1 points", summary, StringComparison.Ordinal);
        Assert.StartsWith("0 points", again, StringComparison.Ordinal);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await Factory.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
