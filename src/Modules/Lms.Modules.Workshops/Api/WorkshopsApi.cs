using System.Security.Claims;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Framework.Web;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Registration;
using Lms.Modules.Workshops.Features.Sessions;
using Lms.Modules.Workshops.Features.Shared;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Api;

internal static class WorkshopsApi
{
    public sealed record SessionsResponse(Guid ActivityId, string Title, string CourseTitle, bool Completed, IReadOnlyList<SessionView> Sessions);

    /// <param name="Status">registered, waitlisted or cancelled.</param>
    public sealed record RegistrationResponse(Guid SessionId, string Status, int? WaitlistPosition, string Message);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Workshops");

        api.MapGet("/workshops/{activityId:guid}/sessions", async (Guid activityId, bool? past, ClaimsPrincipal user, WorkshopCatalog catalog, SessionViews views,
                IMediator mediator, TimeProvider clock, IStringLocalizer<WorkshopsStrings> T, CancellationToken ct) =>
            {
                var workshop = await catalog.FindAsync(activityId, ct);
                var facilitator = user.HasClaim(PermissionClaims.Type, Permissions.RunWorkshops.Name);
                var enrolment = user.GetStaffId() is { } staffId
                    ? (await mediator.Send(new GetWorkshopEnrolments(staffId), ct)).FirstOrDefault(w => w.ActivityId == activityId)
                    : null;
                if (workshop is null || (enrolment is null && !facilitator))
                {
                    return ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["This workshop does not exist or is not in one of your courses."]);
                }

                // Staff see what is still to come; facilitators may ask for past sessions too (?past=true).
                var from = past == true && facilitator ? (DateTimeOffset?)null : clock.GetUtcNow();
                var sessions = await views.ListAsync(activityId, user.GetStaffId(), from, ct);
                return Results.Ok(new SessionsResponse(activityId, workshop.Title, workshop.CourseTitle, enrolment?.Completed ?? false,
                    facilitator ? sessions : sessions.Where(s => !s.Cancelled || s.MyStatus is "registered" or "waitlisted").ToList()));
            })
            .RequireAuthorization(Permissions.AttendWorkshops.Name)
            .WithName("GetWorkshopSessions")
            .WithSummary("The sessions of a workshop activity (upcoming; facilitators may add ?past=true): seats, waiting list, deadline, facilitators and the caller's own registration.")
            .Produces<SessionsResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/sessions/{id:guid}/registrations", async (Guid id, ClaimsPrincipal user, SeatBook seats, IStringLocalizer<WorkshopsStrings> T, CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["Only members of staff can register for sessions."]);
                }

                var result = await seats.RegisterAsync(id, staffId, ct);
                return Respond(id, result);
            })
            .RequireAuthorization(Permissions.AttendWorkshops.Name)
            .WithName("RegisterForSession")
            .WithSummary("Registers the caller for the session: a seat, or a place on the waiting list when it is full. Refused (422) past the deadline, for a workshop the caller is not enrolled in, or overlapping another registration.")
            .Produces<RegistrationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapDelete("/sessions/{id:guid}/registrations/me", async (Guid id, ClaimsPrincipal user, SeatBook seats, IStringLocalizer<WorkshopsStrings> T, CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["Only members of staff can register for sessions."]);
                }

                return Respond(id, await seats.CancelAsync(id, staffId, ct));
            })
            .RequireAuthorization(Permissions.AttendWorkshops.Name)
            .WithName("CancelMySessionRegistration")
            .WithSummary("Cancels the caller's registration (a seat until the deadline, a waiting-list place until the start); the first person waiting gets the seat.")
            .Produces<RegistrationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static IResult Respond(Guid sessionId, SeatResult result) => result switch
    {
        { NotFound: true } => ApiEndpoints.Problem(StatusCodes.Status404NotFound, result.Message),
        { Succeeded: false } => ApiEndpoints.Problem(StatusCodes.Status422UnprocessableEntity, result.Message),
        _ => Results.Ok(new RegistrationResponse(sessionId, result.Status switch
        {
            RegistrationStatus.Registered => "registered",
            RegistrationStatus.Waitlisted => "waitlisted",
            _ => "cancelled",
        }, result.WaitlistPosition, result.Message)),
    };
}
