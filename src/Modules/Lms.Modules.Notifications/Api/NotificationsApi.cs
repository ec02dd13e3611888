using System.Globalization;
using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Framework.Web;
using Lms.Modules.Notifications.Domain;
using Lms.Modules.Notifications.Features.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Notifications.Api;

internal static class NotificationsApi
{
    public sealed record NotificationResponse(Guid Id, string Kind, string Title, string Text, string Link, DateTimeOffset CreatedAt, bool Read, DateTimeOffset? ReadAt);

    public sealed record NotificationsResponse(int Unread, int TotalCount, int Page, int PageSize, IReadOnlyList<NotificationResponse> Items);

    public sealed record QuietHoursDto(bool Enabled, string Start, string End);

    /// <param name="Culture">The language of e-mails: <c>ja</c> or <c>en</c>.</param>
    /// <param name="Email">Per kind, whether it also comes by e-mail (the inbox always has it).</param>
    /// <param name="QuietHours">When enabled, e-mail is sent only between start and end on working days (not weekends, Japanese public holidays or 12/29–1/3).</param>
    public sealed record PreferencesDto(string Culture, IReadOnlyDictionary<string, bool> Email, QuietHoursDto QuietHours);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Notifications");

        api.MapGet("/me/notifications", async (bool? unreadOnly, int? page, int? pageSize, ClaimsPrincipal user, Inbox inbox, IStringLocalizer<NotificationsStrings> T, CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["Only members of staff have an inbox."]);
                }

                var (p, size) = (page ?? 1, pageSize ?? 20);
                if (p < 1 || size is < 1 or > Inbox.MaxPageSize)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, T["Give a page from 1 and a page size from 1 to {0}.", Inbox.MaxPageSize]);
                }

                var (items, total, unread) = await inbox.ListAsync(staffId, unreadOnly ?? false, p, size, ct);
                return Results.Ok(new NotificationsResponse(unread, total, p, size,
                    items.Select(i => new NotificationResponse(i.Id, i.Kind, i.Title, i.Text, i.Link, i.CreatedAt, i.Read, i.ReadAt)).ToList()));
            })
            .RequireAuthorization(Permissions.ReceiveNotifications.Name)
            .WithName("GetMyNotifications")
            .WithSummary("The caller's inbox: unread messages first, then the newest. unreadOnly=true leaves read ones out.")
            .Produces<NotificationsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/me/notifications/{id:guid}/read", async (Guid id, ClaimsPrincipal user, Inbox inbox, IStringLocalizer<NotificationsStrings> T, CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["Only members of staff have an inbox."]);
                }

                return await inbox.MarkReadAsync(staffId, id, ct)
                    ? Results.NoContent()
                    : ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["There is no such message in your inbox."]);
            })
            .RequireAuthorization(Permissions.ReceiveNotifications.Name)
            .WithName("MarkNotificationRead")
            .WithSummary("Marks one of the caller's messages read (idempotent). Someone else's message answers 404.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/me/notification-preferences", async (ClaimsPrincipal user, PreferenceStore store, IStringLocalizer<NotificationsStrings> T, CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["Only members of staff have an inbox."]);
                }

                return Results.Ok(ToDto(await store.GetAsync(staffId, ct)));
            })
            .RequireAuthorization(Permissions.ReceiveNotifications.Name)
            .WithName("GetMyNotificationPreferences")
            .WithSummary("The caller's notification choices: e-mail per kind, its language and quiet hours.")
            .Produces<PreferencesDto>();

        api.MapPut("/me/notification-preferences", async (PreferencesDto body, ClaimsPrincipal user, PreferenceStore store, IStringLocalizer<NotificationsStrings> T, CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["Only members of staff have an inbox."]);
                }

                var (preferences, error) = FromDto(body, T);
                if (preferences is null)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, error);
                }

                await store.SaveAsync(staffId, preferences, ct);
                return Results.Ok(ToDto(await store.GetAsync(staffId, ct)));
            })
            .RequireAuthorization(Permissions.ReceiveNotifications.Name)
            .WithName("PutMyNotificationPreferences")
            .WithSummary("Replaces the caller's notification choices. Kinds left out of email keep e-mail on.")
            .Produces<PreferencesDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    public static PreferencesDto ToDto(Preferences p) => new(
        p.Culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "ja",
        NotificationKinds.Choosable.ToDictionary(k => k, p.WantsMail),
        new QuietHoursDto(p.QuietHours, p.WorkStart.ToString("HH:mm", CultureInfo.InvariantCulture), p.WorkEnd.ToString("HH:mm", CultureInfo.InvariantCulture)));

    public static (Preferences? Preferences, string? Error) FromDto(PreferencesDto? body, IStringLocalizer<NotificationsStrings> T)
    {
        if (body is null)
        {
            return (null, T["Send the preferences as JSON."]);
        }

        if (body.Culture is not ("ja" or "en"))
        {
            return (null, T["The language must be ja or en."]);
        }

        var unknown = (body.Email ?? new Dictionary<string, bool>()).Keys.FirstOrDefault(k => !NotificationKinds.Choosable.Contains(k));
        if (unknown is not null)
        {
            return (null, T["There is no kind of notification called \"{0}\".", unknown]);
        }

        var quiet = body.QuietHours ?? new QuietHoursDto(true, "08:30", "17:15");
        if (!TimeOnly.TryParseExact(quiet.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(quiet.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            return (null, T["Give the hours as HH:mm, for example 08:30."]);
        }

        if (WorkingHours.Validate(start, end) is { } problem)
        {
            return (null, T[problem]);
        }

        var off = (body.Email ?? new Dictionary<string, bool>()).Where(e => !e.Value).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        return (new Preferences(body.Culture, off, quiet.Enabled, start, end), null);
    }
}
