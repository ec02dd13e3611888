using System.Security.Claims;
using Lms.Contracts.Notifications;
using Lms.Framework.Data;
using Lms.Modules.Reporting.Data;
using Lms.Modules.Reporting.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Reporting.Features.TeamProgress;

internal enum NudgeOutcome
{
    Sent,
    AlreadySentToday,
    NotActive,

    /// <summary>The person is not in the viewer's scope (or is the viewer): 403.</summary>
    Forbidden,
}

/// <summary>
/// A manager's "send a reminder now" for someone of their team: scope checked here, the message and its once-a-day
/// limit (kept by a unique key in the database, whoever asks) by the Notifications module.
/// </summary>
internal sealed class Nudges(ReportingDbContext db, TeamScope scopes, IMediator mediator, SiteDay siteDay, TimeProvider clock)
{
    public async Task<(NudgeOutcome Outcome, ReportPerson? Person)> SendAsync(ClaimsPrincipal user, Guid? unitId, Guid staffId, Guid? courseId, CancellationToken cancellationToken)
    {
        var (outcome, scope) = await scopes.ResolveAsync(user, unitId, cancellationToken);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.StaffId == staffId, cancellationToken);
        if (outcome != ScopeOutcome.Allowed || scope is null || person is null || person.StaffId == scope.ViewerStaffId
            || (scope.UnitIds is { } units && !units.Contains(person.OrgUnitId)))
        {
            return (NudgeOutcome.Forbidden, null);
        }

        var today = await siteDay.TodayAsync(cancellationToken);
        if (courseId is { } course && !await db.Enrolments.AnyAsync(e => e.StaffId == staffId && e.CourseId == course, cancellationToken))
        {
            courseId = null;
        }

        // No course named (the team page's button): the open course that is most overdue, else the one due first.
        courseId ??= await db.Enrolments.AsNoTracking()
            .Where(e => e.StaffId == staffId && e.IsActive && e.CompletedAt == null)
            .OrderBy(e => e.DueDate == null ? 1 : 0).ThenBy(e => e.DueDate)
            .Select(e => (Guid?)e.CourseId).FirstOrDefaultAsync(cancellationToken);

        var requestedBy = scope.ViewerStaffId ?? Guid.Empty;
        var result = await mediator.Send(new SendReminderNow(staffId, courseId, requestedBy), cancellationToken);
        if (result.Outcome == ReminderNowOutcome.NotActive)
        {
            return (NudgeOutcome.NotActive, person);
        }

        await db.InsertIgnoringDuplicatesAsync(
            [new ReportNudge { StaffId = staffId, Day = today, RequestedBy = requestedBy, SentAt = Projector.Milliseconds(result.SentAt ?? clock.GetUtcNow())!.Value }],
            cancellationToken);
        return (result.Outcome == ReminderNowOutcome.Sent ? NudgeOutcome.Sent : NudgeOutcome.AlreadySentToday, person);
    }

    /// <summary>Who of <paramref name="staffIds"/> has had a reminder today.</summary>
    public async Task<HashSet<Guid>> SentTodayAsync(IReadOnlyCollection<Guid> staffIds, DateOnly today, CancellationToken cancellationToken) =>
        (await db.Nudges.AsNoTracking().Where(n => n.Day == today && staffIds.Contains(n.StaffId)).Select(n => n.StaffId).ToListAsync(cancellationToken)).ToHashSet();
}
