using Lms.Contracts.Learning;
using Lms.Contracts.Workshops;
using Lms.Modules.Learning.Data;
using Lms.Modules.Workshops.Data;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Workshops;

public sealed class DemoWorkshopsTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task The_demo_history_has_the_sessions_behind_every_workshop_completion_and_sessions_to_come()
    {
        await Factory.InstallDemoCityAsync();
        var now = DateTimeOffset.UtcNow;

        var (completions, signOffs, registrations, sessions, teams, artefacts) = await Factory.WithScopeAsync(async sp =>
        {
            var learning = sp.GetRequiredService<LearningDbContext>();
            var db = sp.GetRequiredService<WorkshopsDbContext>();
            return (await learning.Completions.AsNoTracking().Where(c => c.Kind == Lms.Contracts.Courses.ActivityKind.Workshop).ToListAsync(),
                await db.SignOffs.AsNoTracking().ToListAsync(),
                await db.Registrations.AsNoTracking().ToListAsync(),
                await db.Sessions.AsNoTracking().Include(s => s.Facilitators).ToListAsync(),
                await db.Teams.AsNoTracking().Include(t => t.Members).ToListAsync(),
                await db.Artefacts.AsNoTracking().ToListAsync());
        });

        Assert.NotEmpty(completions);
        // Every completion has its sign-off at a past session the person attended, and nothing more.
        Assert.Equal(completions.Select(c => (c.StaffId, c.ActivityId)).Order(), signOffs.Select(s => (s.StaffId, s.ActivityId)).Order());
        var byId = sessions.ToDictionary(s => s.Id);
        Assert.All(signOffs, s =>
        {
            var session = byId[s.SessionId];
            Assert.True(session.EndsAt <= s.SignedOffAt);
            Assert.Contains(registrations, r => r.SessionId == s.SessionId && r.StaffId == s.StaffId && r.Attendance == AttendanceStatus.Present);
            Assert.Contains(teams, t => t.Id == s.TeamId && t.Members.Any(m => m.StaffId == s.StaffId));
        });
        Assert.NotEmpty(artefacts);
        Assert.Contains(registrations, r => r.Attendance == AttendanceStatus.Absent); // someone to re-register
        Assert.Empty(Factory.Events.Of<WorkshopCompleted>()); // the history's completions came from Learning's own commands

        // demo-staff: the general course's first workshop signed off, the second not yet, and free seats to choose from.
        var demoStaff = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var general = await Factory.WithScopeAsync(async sp => await sp.GetRequiredService<MediatR.IMediator>().Send(new GetWorkshopEnrolments(demoStaff)));
        Assert.Equal([true, false], general.Select(w => w.Completed));
        var upcoming = sessions.Where(s => s.StartsAt > now).ToList();
        var second = general[1].ActivityId;
        Assert.Contains(upcoming, s => s.ActivityId == second && registrations.Count(r => r.SessionId == s.Id && r.Status == RegistrationStatus.Registered) < s.Capacity);
        Assert.DoesNotContain(registrations, r => r.StaffId == demoStaff && upcoming.Any(s => s.Id == r.SessionId));
        var facilitator = await WorkshopFixture.StaffIdAsync(Factory, "demo-facilitator");
        Assert.All(upcoming, s => Assert.Contains(s.Facilitators, f => f.StaffId == facilitator));
        Assert.Equal(upcoming.Count, upcoming.Select(s => s.CheckInCode).Distinct().Count());
    }
}
