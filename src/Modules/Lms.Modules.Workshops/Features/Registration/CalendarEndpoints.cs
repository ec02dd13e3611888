using System.Security.Claims;
using System.Text;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Framework.Settings;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Registration;

/// <summary>
/// Calendar files: <c>/workshops/sessions/{id}/calendar.ics</c> (the person's own registration),
/// <c>/workshops/sessions/{id}/session.ics</c> (the session itself) and <c>/workshops/{activityId}/calendar.ics</c>
/// (every coming session of a workshop). Open to people enrolled in the workshop and to facilitators.
/// </summary>
internal static class CalendarEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/workshops/sessions/{id:guid}/calendar.ics", async (Guid id, HttpContext http, WorkshopsDbContext db, WorkshopCatalog catalog, SessionCalendar calendar, ISiteSettingsService settings, CancellationToken ct) =>
            {
                var staffId = http.User.GetStaffId();
                var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
                var registered = session is not null && staffId is { } me && await db.Registrations.AnyAsync(
                    r => r.SessionId == id && r.StaffId == me && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted), ct);
                if (session is null || !registered)
                {
                    return Results.NotFound();
                }

                var text = await calendar.WriteAsync([(session, await catalog.FindAsync(session.ActivityId, ct))], await BaseUrlAsync(http, settings, ct), staffId, "Workshop");
                return File(text, $"workshop-{session.StartsAt:yyyyMMdd}.ics");
            })
            .RequireAuthorization(Permissions.AttendWorkshops.Name)
            .ExcludeFromDescription();

        endpoints.MapGet("/workshops/sessions/{id:guid}/session.ics", async (Guid id, HttpContext http, WorkshopsDbContext db, WorkshopCatalog catalog, SessionCalendar calendar,
                ISiteSettingsService settings, IMediator mediator, CancellationToken ct) =>
            {
                var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
                if (session is null || !await MaySeeAsync(http.User, session.ActivityId, mediator, ct))
                {
                    return Results.NotFound();
                }

                var text = await calendar.WriteAsync([(session, await catalog.FindAsync(session.ActivityId, ct))], await BaseUrlAsync(http, settings, ct), null, "Workshop");
                return File(text, $"session-{session.StartsAt:yyyyMMdd-HHmm}.ics");
            })
            .RequireAuthorization(Permissions.AttendWorkshops.Name)
            .ExcludeFromDescription();

        endpoints.MapGet("/workshops/{activityId:guid}/calendar.ics", async (Guid activityId, HttpContext http, WorkshopsDbContext db, WorkshopCatalog catalog, SessionCalendar calendar,
                ISiteSettingsService settings, IMediator mediator, TimeProvider clock, CancellationToken ct) =>
            {
                var workshop = await catalog.FindAsync(activityId, ct);
                if (workshop is null || !await MaySeeAsync(http.User, activityId, mediator, ct))
                {
                    return Results.NotFound();
                }

                var now = clock.GetUtcNow();
                var sessions = (await db.Sessions.AsNoTracking().Where(s => s.ActivityId == activityId && s.EndsAt > now).ToListAsync(ct)).OrderBy(s => s.StartsAt);
                var text = await calendar.WriteAsync(sessions.Select(s => (s, (WorkshopInfo?)workshop)).ToList(), await BaseUrlAsync(http, settings, ct), null, workshop.Title);
                return File(text, "workshop-sessions.ics");
            })
            .RequireAuthorization(Permissions.AttendWorkshops.Name)
            .ExcludeFromDescription();
    }

    private static async Task<bool> MaySeeAsync(ClaimsPrincipal user, Guid activityId, IMediator mediator, CancellationToken ct) =>
        user.HasClaim(PermissionClaims.Type, Permissions.RunWorkshops.Name)
        || (user.GetStaffId() is { } me && (await mediator.Send(new GetWorkshopEnrolments(me), ct)).Any(w => w.ActivityId == activityId));

    private static IResult File(string text, string name) =>
        Results.File(Encoding.UTF8.GetBytes(text), "text/calendar; charset=utf-8", name);

    /// <summary>The configured public address, else the one the request came to (links in the event).</summary>
    private static async Task<string> BaseUrlAsync(HttpContext http, ISiteSettingsService settings, CancellationToken ct) =>
        (await settings.GetAsync(ct)).BaseUrl is { Length: > 0 } configured ? configured : $"{http.Request.Scheme}://{http.Request.Host}";
}
