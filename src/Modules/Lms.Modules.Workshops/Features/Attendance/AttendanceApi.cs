using System.Globalization;
using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Framework.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <summary>Attendance, check-in and sign-off for clients other than the pages (a facilitator's tablet app, a kiosk).</summary>
internal static class AttendanceApi
{
    /// <param name="StaffIds">Shorthand for <paramref name="Present"/>.</param>
    public sealed record AttendanceRequest(IReadOnlyList<Guid>? Present, IReadOnlyList<Guid>? Absent, IReadOnlyList<Guid>? StaffIds);

    /// <param name="Attendance">present, absent or unknown.</param>
    public sealed record AttendeeView(Guid StaffId, string Name, string EmployeeNumber, string Attendance, DateTimeOffset? AttendanceAt, DateTimeOffset? CheckedInAt, bool SignedOff);

    public sealed record AttendanceSummary(Guid SessionId, int Capacity, int Registered, int Present, int Absent, int Unknown, int Waitlisted, IReadOnlyList<AttendeeView> People);

    public sealed record SignOffRequest(IReadOnlyList<Guid>? StaffIds);

    public sealed record SkippedView(Guid StaffId, string Reason);

    public sealed record SignOffResponse(IReadOnlyList<Guid> SignedOff, IReadOnlyList<Guid> AlreadySignedOff, IReadOnlyList<SkippedView> Skipped, string Message);

    public sealed record ReversalRequest(Guid? StaffId, string? Reason);

    public sealed record ReversalResponse(Guid SessionId, Guid StaffId, DateTimeOffset? ReversedAt, string? Reason, bool AlreadyReversed, string Message);

    public sealed record CheckInRequest(string? Code);

    public sealed record CheckInResponse(Guid SessionId, string WorkshopTitle, DateTimeOffset? CheckedInAt, string Message);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Workshops");

        api.MapGet("/sessions/{id:guid}/attendance", async (Guid id, SessionRoster roster, IStringLocalizer<WorkshopsStrings> T, CancellationToken ct) =>
                await SummaryAsync(id, roster, ct) is { } summary
                    ? Results.Ok(summary)
                    : ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["This session does not exist."]))
            .RequireAuthorization(Permissions.RunWorkshops.Name)
            .WithName("GetSessionAttendance")
            .WithSummary("The session's attendance: counts and every seated person with present, absent or unknown.")
            .Produces<AttendanceSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/sessions/{id:guid}/attendance", async (Guid id, AttendanceRequest body, ClaimsPrincipal user, AttendanceBook book, SessionRoster roster,
                CancellationToken ct) =>
            {
                var present = (body.Present ?? []).Concat(body.StaffIds ?? []).ToList();
                var result = await book.MarkAsync(id, present, body.Absent ?? [], user.GetStaffId(), AuditActions.ViaApi, ct);
                return result switch
                {
                    { NotFound: true } => ApiEndpoints.Problem(StatusCodes.Status404NotFound, result.Message),
                    { Succeeded: false } => Refusal(result.BadRequest ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity, result.Message, result.Offending),
                    _ => Results.Ok(await SummaryAsync(id, roster, ct)),
                };
            })
            .RequireAuthorization(Permissions.RunWorkshops.Name)
            .WithName("RecordSessionAttendance")
            .WithSummary("Records attendance: {\"present\": [staffIds], \"absent\": [staffIds]} ({\"staffIds\": [...]} means present). Everyone named must have a seat; nothing is written otherwise. Returns the attendance summary.")
            .Produces<AttendanceSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/sessions/{id:guid}/signoff", async (Guid id, SignOffRequest body, ClaimsPrincipal user, SignOffDesk desk, CancellationToken ct) =>
            {
                var result = await desk.SignOffAsync(id, body.StaffIds ?? [], user.GetStaffId(), ct);
                return result switch
                {
                    { NotFound: true } => ApiEndpoints.Problem(StatusCodes.Status404NotFound, result.Message),
                    { BadRequest: true } => ApiEndpoints.Problem(StatusCodes.Status400BadRequest, result.Message),
                    { Succeeded: false } => ApiEndpoints.Problem(StatusCodes.Status422UnprocessableEntity, result.Message),
                    _ => Results.Ok(new SignOffResponse(result.SignedOff, result.AlreadySignedOff,
                        result.Skipped.Select(s => new SkippedView(s.StaffId, s.Reason)).ToList(), result.Message)),
                };
            })
            .RequireAuthorization(Permissions.RunWorkshops.Name)
            .WithName("SignOffSessionAttendees")
            .WithSummary("Signs off the people named ({\"staffIds\": [...]}): their workshop activity is completed. Already signed off, or skipped with a reason (not registered, absent, signed off at another session). Twice signs off once.")
            .Produces<SignOffResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/sessions/{id:guid}/signoff/reversals", async (Guid id, ReversalRequest body, ClaimsPrincipal user, SignOffDesk desk, IStringLocalizer<WorkshopsStrings> T,
                CancellationToken ct) =>
            {
                if (body.StaffId is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, T["Name the person whose sign-off is reversed (staffId)."]);
                }

                var result = await desk.ReverseAsync(id, staffId, body.Reason, user.GetStaffId(), ct);
                return result switch
                {
                    { BadRequest: true } => ApiEndpoints.Problem(StatusCodes.Status400BadRequest, result.Message),
                    { NotFound: true } => ApiEndpoints.Problem(StatusCodes.Status404NotFound, result.Message),
                    _ => Results.Ok(new ReversalResponse(id, staffId, result.ReversedAt, result.Reason, result.AlreadyReversed, result.Message)),
                };
            })
            .RequireAuthorization(Permissions.RunWorkshops.Name)
            .WithName("ReverseSessionSignOff")
            .WithSummary("Reverses a mistaken sign-off ({\"staffId\", \"reason\"}, the reason 1 to 500 characters); audited; the workshop activity is no longer complete. The person may be signed off again later.")
            .Produces<ReversalResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/check-in", async (CheckInRequest body, ClaimsPrincipal user, CheckInDesk desk, HttpContext http, IStringLocalizer<WorkshopsStrings> T,
                CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["Only members of staff can check in."]);
                }

                var result = await desk.CheckInAsync(staffId, body.Code, ct);
                if (result.RetryAfter is { } wait)
                {
                    http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return result.Outcome switch
                {
                    _ when result.Succeeded => Results.Ok(new CheckInResponse(result.SessionId!.Value, result.WorkshopTitle ?? "", result.CheckedInAt, result.Message)),
                    CheckInOutcome.TooManyAttempts => Refusal(StatusCodes.Status429TooManyRequests, result.Message, null, result.Reason),
                    CheckInOutcome.Malformed => Refusal(StatusCodes.Status400BadRequest, result.Message, null, result.Reason),
                    _ => Refusal(StatusCodes.Status422UnprocessableEntity, result.Message, null, result.Reason),
                };
            })
            .RequireAuthorization(Permissions.AttendWorkshops.Name)
            .WithName("CheckInToSession")
            .WithSummary("Checks the caller in with the code shown in the room ({\"code\"}): from 30 minutes before the start until the end, for people with a seat. 10 failed attempts per 10 minutes per person, then 429.")
            .Produces<CheckInResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    internal static async Task<AttendanceSummary?> SummaryAsync(Guid sessionId, SessionRoster roster, CancellationToken cancellationToken)
    {
        if (await roster.LoadAsync(sessionId, cancellationToken) is not { } view)
        {
            return null;
        }

        var c = view.Counts;
        return new(sessionId, c.Capacity, c.Registered, c.Present, c.Absent, c.Unknown, c.Waitlisted,
            view.Seated.Select(p => new AttendeeView(p.StaffId, p.Name, p.EmployeeNumber, AttendanceRules.ApiValue(p.Attendance), p.AttendanceAt, p.CheckedInAt, p.SignedOffHere))
                .ToList());
    }

    /// <summary>A problem with the people concerned (staffIds) or a machine-readable reason, besides the localised detail.</summary>
    private static IResult Refusal(int status, string detail, IReadOnlyList<Guid>? staffIds, string? reason = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (staffIds is { Count: > 0 })
        {
            extensions["staffIds"] = staffIds;
        }

        if (reason is not null)
        {
            extensions["reason"] = reason;
        }

        return Results.Problem(statusCode: status, detail: detail, extensions: extensions);
    }
}
