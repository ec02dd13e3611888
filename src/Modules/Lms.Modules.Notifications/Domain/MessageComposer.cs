using System.Globalization;
using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Lms.Modules.Notifications.Data;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Notifications.Domain;

/// <summary>What a message says: a one-line title and a short text for the inbox, and the model its e-mail template renders.</summary>
internal sealed class MessageComposer(IStringLocalizer<NotificationsStrings> T)
{
    public (string Title, string Text) Inbox(Notification n, TimeZoneInfo timeZone)
    {
        var d = MessageData.FromJson(n.DataJson);
        var culture = CultureInfo.CurrentUICulture;
        var ja = culture.TwoLetterISOLanguageName == "ja";
        string Date(DateOnly? date) => date is { } v ? (ja ? v.ToString("M月d日", culture) : v.ToString("MMMM d", CultureInfo.InvariantCulture)) : "";
        string Time(DateTimeOffset? at) => at is { } v ? (ja ? TimeZoneInfo.ConvertTime(v, timeZone).ToString("M月d日 H:mm", culture) : TimeZoneInfo.ConvertTime(v, timeZone).ToString("MMMM d, H:mm", CultureInfo.InvariantCulture)) : "";
        return n.Kind switch
        {
            NotificationKinds.DueSoon => (T["\"{0}\" is due on {1}", d.CourseTitle ?? "", Date(d.DueDate)],
                d.Days == 0 ? T["The due date is today. Please complete the course."] : d.Days == 1 ? T["The due date is tomorrow. Please complete the course."] : T["{0} days left. Please complete the course by the due date.", d.Days ?? 0]),
            NotificationKinds.Overdue => (T["\"{0}\" is past its due date", d.CourseTitle ?? ""],
                T["It was due on {0}, {1} days ago. If your workload makes it difficult, talk to your manager.", Date(d.DueDate), d.Days ?? 0]),
            NotificationKinds.Inactive => (T["Pick up \"{0}\" where you left off", d.CourseTitle ?? ""],
                T["No progress for {0} days. Each activity takes only a few minutes.", d.Days ?? 0]),
            NotificationKinds.SessionTomorrow => (T["Workshop coming up: {0}", d.SessionTitle ?? ""],
                T["Starts {0}. Place: {1}", Time(d.StartsAt), d.Place ?? "-"]),
            NotificationKinds.WaitlistSeat => (T["A seat is yours: {0}", d.SessionTitle ?? ""],
                T["A seat became free at the session of {0}. If you cannot attend, please cancel so the next person can go.", Time(d.StartsAt)]),
            NotificationKinds.SessionCancelled => (T["Workshop session cancelled: {0}", d.SessionTitle ?? ""],
                T["The session of {0} was cancelled. Please register for another session.", Time(d.StartsAt)]),
            NotificationKinds.ManagerDigest when d.Digest is { } g => (T["Your team this week: {0}% complete, {1} overdue", g.CompletionPercent, g.OverdueCount],
                T["{0} people, {1} of {2} assigned courses complete, {3} sessions coming up.", g.TeamSize, g.Completed, g.Enrolments, g.Sessions.Count]),
            NotificationKinds.Nudge => (T["A nudge to keep learning"], NudgeText(d, ja, Date)),
            NotificationKinds.Test => (T["Test message"], T["A test message sent from the administration page."]),
            _ => (T[NotificationKinds.Label(n.Kind)], ""),
        };
    }

    /// <summary>Who asked, then what about: the one course (and its due date), or the unfinished ones (and the nearest due date).</summary>
    private string NudgeText(MessageData d, bool ja, Func<DateOnly?, string> date)
    {
        var parts = new List<string>
        {
            d.RequestedBy is { Length: > 0 } name ? T["{0} asks you to keep going with your learning.", name] : T["You are asked to keep going with your learning."],
        };
        if (d.CourseTitle is { } title)
        {
            parts.Add(T["Please continue the course \"{0}\".", title]);
            if (d.DueDate is not null)
            {
                parts.Add(T["Its due date is {0}.", date(d.DueDate)]);
            }
        }
        else if (d.Courses is { Count: > 0 } courses)
        {
            parts.Add(T["Please continue your unfinished courses: {0}.", string.Join(ja ? "、" : ", ", courses.Select(c => ja ? $"「{c.Title}」" : $"\"{c.Title}\""))]);
            if (d.DueDate is not null)
            {
                parts.Add(T["The nearest due date is {0}.", date(d.DueDate)]);
            }
        }

        return string.Join(ja ? "" : " ", parts);
    }

    /// <summary>The model of the e-mail template (the names the default templates use).</summary>
    public static Dictionary<string, object?> MailModel(Notification n, StaffContact? recipient, SiteSettings site, string baseUrl, string preferencesUrl, string culture, DateOnly today)
    {
        var d = MessageData.FromJson(n.DataJson);
        var model = new Dictionary<string, object?>
        {
            ["recipient"] = new Dictionary<string, object?>
            {
                ["name"] = recipient?.Name ?? "",
                ["nameKana"] = "",
                ["employeeNumber"] = recipient?.EmployeeNumber ?? "",
            },
            ["link"] = baseUrl + n.Link,
            ["preferencesLink"] = preferencesUrl,
            ["site"] = new Dictionary<string, object?> { ["name"] = site.SiteName },
            ["organisation"] = new Dictionary<string, object?> { ["name"] = site.OrganizationName },
        };
        if (d.CourseTitle is not null)
        {
            model["course"] = new Dictionary<string, object?> { ["title"] = d.CourseTitle, ["version"] = d.CourseVersion ?? 1, ["dueDate"] = d.DueDate };
        }

        if (d.Courses is { } lines)
        {
            model["courses"] = lines.Select(c => (object?)new Dictionary<string, object?> { ["title"] = c.Title, ["dueDate"] = c.DueDate }).ToList();
        }

        if (d.RequestedBy is { Length: > 0 } requester)
        {
            model["requester"] = new Dictionary<string, object?> { ["name"] = requester };
        }

        // Day counts as of the day the mail goes out (it may wait for working hours), not the day it was decided.
        switch (n.Kind)
        {
            case NotificationKinds.DueSoon:
                model["daysLeft"] = d.DueDate is { } due ? Math.Max(0, due.DayNumber - today.DayNumber) : d.Days ?? 0;
                break;
            case NotificationKinds.Overdue:
                model["daysOverdue"] = d.DueDate is { } late ? Math.Max(1, today.DayNumber - late.DayNumber) : d.Days ?? 0;
                break;
            case NotificationKinds.Inactive:
                model["daysInactive"] = d.Days ?? 0;
                break;
        }

        if (d.SessionTitle is not null)
        {
            model["session"] = new Dictionary<string, object?> { ["title"] = d.SessionTitle, ["startsAt"] = d.StartsAt, ["place"] = d.Place ?? "" };
            model["confirmBy"] = d.ConfirmBy ?? d.StartsAt;
        }

        if (d.Digest is { } g)
        {
            model["digest"] = new Dictionary<string, object?>
            {
                ["period"] = DateOnly.TryParseExact(g.Week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var monday)
                    ? (culture == "en" ? monday.ToString("MMMM d", CultureInfo.InvariantCulture) : monday.ToString("M月d日", CultureInfo.InvariantCulture))
                    : g.Week,
                ["teamSize"] = g.TeamSize,
                ["enrolments"] = g.Enrolments,
                ["completed"] = g.Completed,
                ["completionPercent"] = g.CompletionPercent,
                ["overdueCount"] = g.OverdueCount,
                ["items"] = g.Items.Select(i => (object?)new Dictionary<string, object?>
                {
                    ["name"] = i.Name,
                    ["course"] = i.Course,
                    ["dueDate"] = i.DueDate,
                    ["percentComplete"] = i.PercentComplete,
                    ["overdue"] = i.Overdue,
                    ["daysOverdue"] = i.DaysOverdue,
                }).ToList(),
                ["sessions"] = g.Sessions.Select(s => (object?)new Dictionary<string, object?>
                {
                    ["title"] = s.Title,
                    ["startsAt"] = s.StartsAt,
                    ["place"] = s.Place ?? "",
                    ["names"] = string.Join(culture == "en" ? ", " : "、", s.Names),
                }).ToList(),
            };
        }

        return model;
    }
}
