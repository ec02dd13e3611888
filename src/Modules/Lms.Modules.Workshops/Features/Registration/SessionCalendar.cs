using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Lms.Framework.Settings;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;

namespace Lms.Modules.Workshops.Features.Registration;

/// <summary>
/// iCalendar (RFC 5545) files: a session as an event, for a registrant's own calendar or the facilitator's.
/// Times are written in UTC, which every calendar converts to its own zone. The UID is stable per session
/// (and person), so downloading again updates the event instead of adding a second one.
/// </summary>
public sealed class SessionCalendar(ISiteSettingsService settings, TimeProvider clock)
{
    internal async Task<string> WriteAsync(IReadOnlyList<(WorkshopSession Session, WorkshopInfo? Workshop)> sessions, string baseUrl, Guid? forStaff, string calendarName)
    {
        var site = await settings.GetAsync();
        var calendar = new Calendar { ProductId = "-//Step-0 DX LMS//Workshops//JA", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        var now = new CalDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var (session, workshop) in sessions)
        {
            var url = new Uri($"{baseUrl.TrimEnd('/')}/workshops/sessions/{session.Id}");
            var description = string.Join("\n\n", new[]
            {
                workshop?.CourseTitle,
                workshop?.Description,
                session.OnlineUrl is { } online ? $"オンライン / Online: {online}" : null,
                session.Notes,
                url.ToString(),
            }.Where(p => !string.IsNullOrWhiteSpace(p)));
            var item = new CalendarEvent
            {
                Uid = forStaff is { } staff ? $"session-{session.Id:N}-{staff:N}@{url.Host}" : $"session-{session.Id:N}@{url.Host}",
                Summary = workshop?.Title ?? site.SiteName,
                Description = description,
                Location = session.Place ?? session.OnlineUrl,
                Url = url,
                DtStart = new CalDateTime(session.StartsAt.UtcDateTime),
                DtEnd = new CalDateTime(session.EndsAt.UtcDateTime),
                DtStamp = now,
                LastModified = new CalDateTime(session.UpdatedAt.UtcDateTime),
                Status = session.CancelledAt is null ? EventStatus.Confirmed : EventStatus.Cancelled,
                Organizer = null,
            };
            calendar.Events.Add(item);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
