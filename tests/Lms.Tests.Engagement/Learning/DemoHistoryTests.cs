using System.Net.Http.Json;
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
        await Factory.InstallDemoCityAsync();

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

    /// <summary>The "done when": demo-staff takes the general-staff course to 100% (the facilitator signs off the workshops).</summary>
    [Fact]
    public async Task Demo_staff_finishes_the_general_course_with_the_facilitators_sign_off()
    {
        await Factory.InstallDemoCityAsync();
        var staff = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var facilitator = await SiteClient.SignInAsync(Factory, "demo-facilitator");
        const string Title = "一般職コース：気づき、試し、形にする";
        var recipe = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "recipes", "step0-dx-mindset.recipe.json")))!;
        var quizzes = recipe["steps"]![0]!["courses"]!.AsArray().Single(c => (string)c!["key"]! == "step0-general")!["sections"]!.AsArray()
            .SelectMany(s => s!["activities"]!.AsArray()).Where(a => (string)a!["kind"]! == "quiz")
            .ToDictionary(a => (string)a!["title"]!, a => a!["questions"]!.AsArray().ToDictionary(q => (string)q!["text"]!,
                q => q!["options"]!.AsArray().Where(o => (bool)o!["correct"]!).Select(o => (string)o!["text"]!).ToArray()));
        var percents = new List<int>();

        for (var step = 0; step < 20; step++)
        {
            var (_, activities, course) = await LearnerApi.CourseAsync(staff, Title);
            percents.Add((int)course["enrolment"]!["percentComplete"]!);
            var next = activities.FirstOrDefault(a => a.State == "open");
            if (next is null)
            {
                break;
            }

            var response = next.Kind switch
            {
                "quiz" => await staff.PostAsJsonAsync($"/api/v1/quizzes/{next.Id}/attempts", LearnerApi.Answers(next, quizzes[next.Title])),
                "reflection" => await staff.PostAsJsonAsync($"/api/v1/activities/{next.Id}/completion", new { text = new string('試', 200) }),
                "survey" => await staff.PostAsJsonAsync($"/api/v1/activities/{next.Id}/completion",
                    new { answers = next.Node["survey"]!["items"]!.AsArray().ToDictionary(i => (string)i!["key"]!, _ => 4) }),
                "workshop" => await SignOffAtASessionAsync(facilitator, next.Id),
                _ => await staff.PostAsync($"/api/v1/activities/{next.Id}/completion", null),
            };
            Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Redirect, $"{next.Kind} {next.Title}: {response.StatusCode}");
        }

        Assert.Equal(100, percents[^1]);
        Assert.Equal(percents.Order(), percents); // it only ever rises
        var general = (await LearnerApi.EnrolmentsAsync(staff)).Single(e => (string)e!["title"]! == Title)!;
        Assert.Equal("completed", (string)general["status"]!);
    }

    /// <summary>The facilitator runs a session of the workshop that is under way: demo-staff walks in and is signed off.</summary>
    private async Task<HttpResponseMessage> SignOffAtASessionAsync(HttpClient facilitator, Guid workshop)
    {
        var session = await Workshops.WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromMinutes(-20), activityId: workshop, facilitator: await StaffIdAsync("demo-facilitator"));
        var me = (await StaffIdAsync("demo-staff")).ToString();
        var walkIn = await SiteClient.PostFormAsync(facilitator, $"/facilitate/sessions/{session}?handler=WalkIn", new() { ["staffId"] = me }, $"/facilitate/sessions/{session}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, walkIn.StatusCode);
        return await SiteClient.PostFormAsync(facilitator, $"/facilitate/sessions/{session}/signoff", new() { ["StaffIds"] = me }, $"/facilitate/sessions/{session}/signoff");
    }

    private Task<Guid> StaffIdAsync(string userName) =>
        Factory.WithScopeAsync(async sp => (await sp.GetRequiredService<MediatR.IMediator>().Send(new Lms.Contracts.Organization.FindStaffByUserName(userName)))!.Value);
}
