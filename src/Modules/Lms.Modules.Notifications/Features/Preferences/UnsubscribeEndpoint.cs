using Lms.Modules.Notifications.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lms.Modules.Notifications.Features.PreferencePages;

/// <summary>
/// The one-click unsubscribe of the <c>List-Unsubscribe</c> header (RFC 8058): a mail program POSTs here and
/// e-mail of that kind stops for the person the token names (the inbox keeps it). A browser that opens the
/// address is sent to the preferences page instead, where nothing changes until the person saves.
/// </summary>
internal static class UnsubscribeEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/notifications/unsubscribe/{token}/{kind}", async (string token, string kind, PreferenceLinks links, PreferenceStore store, CancellationToken ct) =>
            {
                if (links.Read(token) is not { } staffId || !NotificationKinds.Choosable.Contains(kind))
                {
                    return Results.NotFound();
                }

                var current = await store.GetAsync(staffId, ct);
                await store.SaveAsync(staffId, current with { MailOff = current.MailOff.Append(kind).ToHashSet(StringComparer.Ordinal) }, ct);
                return Results.Ok();
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();

        endpoints.MapGet("/notifications/unsubscribe/{token}/{kind}", (string token, string kind, PreferenceLinks links) =>
                links.Read(token) is null ? Results.NotFound() : Results.Redirect($"/notifications/preferences/{token}"))
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
