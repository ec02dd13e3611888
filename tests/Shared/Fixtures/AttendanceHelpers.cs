using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Contracts.Organization;
using Lms.Modules.Learning.Data;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Attendance;
using Lms.Tests.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Workshops;

/// <summary>Sessions under way with people seated, and reads of the Workshops and Learning tables, for the attendance and sign-off tests.</summary>
internal static class AttendanceHelpers
{
    /// <summary>
    /// A session with <paramref name="seated"/> learners registered (demo-staff first), then moved so it starts
    /// <paramref name="startsIn"/> from now: registration closes before the start, so people register first.
    /// </summary>
    public static async Task<(Guid SessionId, IReadOnlyList<Guid> People)> SessionAsync(LmsAppFactory factory, int seated, TimeSpan? startsIn = null, int? capacity = null)
    {
        var session = await WorkshopFixture.ScheduleAsync(factory, TimeSpan.FromDays(7), capacity ?? Math.Max(seated, 1));
        var me = await WorkshopFixture.StaffIdAsync(factory, "demo-staff");
        var people = new[] { me }.Concat((await WorkshopFixture.LearnersAsync(factory)).Where(id => id != me)).Take(seated).ToList();
        foreach (var person in people)
        {
            var result = await WorkshopFixture.RegisterAsync(factory, session, person);
            Assert.True(result.Succeeded, result.Message);
        }

        await MoveAsync(factory, session, startsIn ?? TimeSpan.FromMinutes(-10));
        return (session, people);
    }

    /// <summary>Moves a 90-minute session to start <paramref name="startsIn"/> from now (negative: under way or over).</summary>
    public static Task MoveAsync(LmsAppFactory factory, Guid sessionId, TimeSpan startsIn) =>
        WorkshopsDb(factory, db =>
        {
            var starts = DateTimeOffset.UtcNow.Add(startsIn);
            return db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.StartsAt, starts).SetProperty(x => x.EndsAt, starts.AddMinutes(90)).SetProperty(x => x.RegistrationDeadline, starts.AddHours(-1)));
        });

    public static Task<T> WorkshopsDb<T>(LmsAppFactory factory, Func<WorkshopsDbContext, Task<T>> query) =>
        factory.WithScopeAsync(sp => query(sp.GetRequiredService<WorkshopsDbContext>()));

    public static Task<T> Learning<T>(LmsAppFactory factory, Func<LearningDbContext, Task<T>> query) =>
        factory.WithScopeAsync(sp => query(sp.GetRequiredService<LearningDbContext>()));

    public static Task<Lms.Modules.Workshops.Data.Registration> RegistrationAsync(LmsAppFactory factory, Guid sessionId, Guid staffId) =>
        WorkshopsDb(factory, db => db.Registrations.AsNoTracking().SingleAsync(r => r.SessionId == sessionId && r.StaffId == staffId));

    public static Task<string> CheckInCodeAsync(LmsAppFactory factory, Guid sessionId) =>
        WorkshopsDb(factory, db => db.Sessions.Where(s => s.Id == sessionId).Select(s => s.CheckInCode).SingleAsync());

    public static Task<List<WorkshopAuditEntry>> AuditAsync(LmsAppFactory factory, Guid sessionId) =>
        WorkshopsDb(factory, db => db.Audit.AsNoTracking().Where(a => a.SessionId == sessionId).ToListAsync());

    /// <summary>How many workshop completions Learning holds for the person (the test course's workshop).</summary>
    public static Task<int> CompletionsAsync(LmsAppFactory factory, Guid staffId) =>
        Learning(factory, db => db.Completions.CountAsync(c => c.StaffId == staffId && c.ActivityId == WorkshopFixture.WorkshopId));

    public static async Task<HttpClient> ApiAsync(LmsAppFactory factory, string userName)
    {
        var client = SiteClient.Create(factory);
        return client.Bearer(await SiteClient.TokenAsync(client, userName));
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> PostJsonAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static Task<StaffCard> CardAsync(LmsAppFactory factory, Guid staffId) =>
        factory.WithScopeAsync(async sp => (await sp.GetRequiredService<IMediator>().Send(new GetStaffCards([staffId]))).Single());

    public static void ClearThrottle(LmsAppFactory factory) => factory.Services.GetRequiredService<CheckInThrottle>().Clear();

    public static IReadOnlyList<Guid> Ids(JsonNode? array) => array!.AsArray().Select(n => Guid.Parse((string)n!)).ToList();
}
