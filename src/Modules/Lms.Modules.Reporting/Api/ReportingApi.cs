using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Framework.Web;
using Lms.Modules.Reporting.Domain;
using Lms.Modules.Reporting.Features.Organisation;
using Lms.Modules.Reporting.Features.Readiness;
using Lms.Modules.Reporting.Features.TeamProgress;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Reporting.Api;

internal static class ReportingApi
{
    public sealed record TeamProgressResponse(Guid OrgUnitId, string UnitPath, DateOnly AsOf, int TotalCount, int Page, int PageSize, IReadOnlyList<CourseDto> Courses, IReadOnlyList<PersonProgress> Items);

    public sealed record CourseDto(Guid Id, string Title);

    /// <param name="Tier"><c>executive</c>, <c>manager</c> or <c>general</c>.</param>
    public sealed record PersonProgress(Guid StaffId, string EmployeeNumber, string Name, string NameKana, Guid OrgUnitId, string UnitPath, string Tier, int Percent, DateTimeOffset? LastActivityAt, int WorkshopsAttended, int Badges, IReadOnlyList<CourseProgressDto> Courses);

    /// <param name="Status"><c>not-started</c>, <c>in-progress</c>, <c>completed</c> or <c>overdue</c>.</param>
    public sealed record CourseProgressDto(Guid CourseId, string Status, int Percent, DateOnly? DueDate, int DaysOverdue, DateTimeOffset? CompletedAt, string? CertificateUrl);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Reporting");

        api.MapGet("/teams/{orgUnitId:guid}/progress", async (Guid orgUnitId, string? tier, string? status, Guid? courseId, string? sort, string? dir, int? page, int? pageSize,
            HttpContext http, ClaimsPrincipal user, TeamScope scopes, TeamProgressQuery query, SiteDay siteDay, IStringLocalizer<ReportingStrings> T, CancellationToken ct) =>
            {
                var (filter, problem) = Parse(tier, status, sort, dir, page, pageSize ?? 50, courseId, T);
                if (problem is not null)
                {
                    return problem;
                }

                var (outcome, scope) = await scopes.ResolveAsync(user, orgUnitId, ct);
                if (scope is null)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["This unit is not in your team."]);
                }

                var result = await query.RunAsync(scope, filter!, await siteDay.TodayAsync(ct), pageOnly: true, ct);
                return Results.Ok(new TeamProgressResponse(
                    orgUnitId,
                    scope.Selected!.Path,
                    result.Today,
                    result.Total,
                    result.Filter.Page,
                    result.Filter.PageSize,
                    result.Courses.Select(c => new CourseDto(c.Id, c.Title)).ToList(),
                    result.Rows.Select(r => new PersonProgress(
                        r.Person.StaffId,
                        r.Person.EmployeeNumber,
                        r.Person.Name,
                        r.Person.NameKana,
                        r.Person.OrgUnitId,
                        r.UnitPath,
                        r.Person.Tier.ToApiValue(),
                        r.Person.Percent,
                        r.Person.LastActivityAt,
                        r.Person.WorkshopsAttended,
                        r.Person.Badges,
                        result.Courses.Where(c => r.Cells.ContainsKey(c.Id)).Select(c => r.Cells[c.Id]).Select(c => new CourseProgressDto(
                            c.CourseId, c.Status.ToApiValue(), c.Percent, c.DueDate, c.DaysOverdue, c.CompletedAt,
                            c.CertificateId is { } id ? $"/api/v1/certificates/{id}/pdf" : null)).ToList())).ToList()));
            })
            .WithName("GetTeamProgress")
            .Produces<TeamProgressResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(Permissions.ViewTeamProgress.Name);

        api.MapGet("/teams/{orgUnitId:guid}/progress.csv", async (Guid orgUnitId, string? tier, string? status, Guid? courseId, string? sort, string? dir,
            HttpContext http, ClaimsPrincipal user, TeamScope scopes, IStringLocalizer<ReportingStrings> T, CancellationToken ct) =>
            {
                var (filter, problem) = Parse(tier, status, sort, dir, 1, 50, courseId, T);
                if (problem is not null)
                {
                    return problem;
                }

                var (_, scope) = await scopes.ResolveAsync(user, orgUnitId, ct);
                if (scope is null)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["This unit is not in your team."]);
                }

                await TeamCsvDownload.WriteAsync(http, scope, filter!, ct);
                return Results.Empty;
            })
            .WithName("GetTeamProgressCsv")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(Permissions.ViewTeamProgress.Name);

        api.MapPost("/teams/{orgUnitId:guid}/people/{staffId:guid}/nudge", async (Guid orgUnitId, Guid staffId, Guid? courseId, ClaimsPrincipal user, Nudges nudges, IStringLocalizer<ReportingStrings> T, CancellationToken ct) =>
            {
                var (outcome, person) = await nudges.SendAsync(user, orgUnitId, staffId, courseId, ct);
                return outcome switch
                {
                    NudgeOutcome.Forbidden => ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["This person is not in your team."]),
                    NudgeOutcome.NotActive => ApiEndpoints.Problem(StatusCodes.Status409Conflict, T["{0} is not active, so no reminder was sent.", person!.Name]),
                    NudgeOutcome.AlreadySentToday => Results.Ok(new { status = "already-sent-today", message = T["{0} has already had a reminder today (one a day at most).", person!.Name].Value }),
                    _ => Results.Ok(new { status = "sent", message = T["A reminder was sent to {0}.", person!.Name].Value }),
                };
            })
            .WithName("NudgeTeamMember")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Permissions.NudgeTeam.Name);

        MapReports(api);
    }

    /// <summary>Organisation-wide and readiness figures: groups only, never a person; hidden groups have null figures.</summary>
    private static void MapReports(RouteGroupBuilder api)
    {
        api.MapGet("/reports/organisation", async (OrganisationReportQuery query, SiteDay siteDay, CancellationToken ct) =>
            {
                var report = await query.RunAsync(await siteDay.TodayAsync(ct), ct);
                object Row(CompletionRow r) => new
                {
                    key = r.Key,
                    label = r.Label,
                    hidden = r.Hidden,
                    people = r.Hidden ? (int?)null : r.People,
                    enrolled = r.Hidden ? (int?)null : r.Enrolled,
                    completed = r.Hidden ? (int?)null : r.Completed,
                    completionPercent = r.Percent,
                    overdue = r.Hidden ? (int?)null : r.Overdue,
                };
                return Results.Ok(new
                {
                    asOf = report.AsOf,
                    total = Row(report.Total),
                    departments = report.Departments.Select(Row),
                    tiers = report.Tiers.Select(Row),
                    courses = report.Courses.Select(Row),
                    workshops = report.Workshops.Select(w => new { courseId = w.CourseId, course = w.Course, held = w.Held, cancelled = w.Cancelled, attended = w.Attended }),
                });
            })
            .WithName("GetOrganisationReport")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(Permissions.ViewOrganisationReports.Name);

        api.MapGet("/reports/readiness", async (string? instrument, ReadinessQuery query, IStringLocalizer<ReportingStrings> T, CancellationToken ct) =>
            {
                var report = await query.RunAsync(instrument, ct);
                if (report is null)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["No published course has this survey."]);
                }

                object Group(ReadinessGroup g) => new
                {
                    key = g.Key,
                    label = g.Label,
                    hidden = g.Hidden,
                    respondents = g.Hidden ? (int?)null : g.Respondents,
                    before = g.Before,
                    after = g.After,
                    change = g.Change,
                    indexBefore = g.IndexBefore,
                    indexAfter = g.IndexAfter,
                    indexChange = g.IndexChange,
                };
                return Results.Ok(new
                {
                    instrument = report.Instrument,
                    scale = report.Scale,
                    minimumGroup = SmallGroups.Minimum,
                    total = Group(report.Total),
                    departments = report.Departments.Select(Group),
                    tiers = report.Tiers.Select(Group),
                    items = report.Items.Select(i => new { key = i.Key, text = i.Text, before = i.Before, after = i.After, change = i.Change }),
                });
            })
            .WithName("GetReadinessReport")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Permissions.ViewOrganisationReports.Name);
    }

    private static (TeamFilter? Filter, IResult? Problem) Parse(string? tier, string? status, string? sort, string? dir, int? page, int pageSize, Guid? courseId, IStringLocalizer<ReportingStrings> T)
    {
        StaffTier? tierValue = null;
        if (!string.IsNullOrEmpty(tier))
        {
            if (!StaffTierNames.TryParse(tier, out var parsed))
            {
                return (null, ApiEndpoints.Problem(StatusCodes.Status400BadRequest, T["\"tier\" must be executive, manager or general."]));
            }

            tierValue = parsed;
        }

        ProgressStatus? statusValue = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!ProgressStatuses.TryParse(status, out var parsed))
            {
                return (null, ApiEndpoints.Problem(StatusCodes.Status400BadRequest, T["\"status\" must be not-started, in-progress, completed or overdue."]));
            }

            statusValue = parsed;
        }

        if (!string.IsNullOrEmpty(sort) && !TeamFilter.Sorts.Contains(sort))
        {
            return (null, ApiEndpoints.Problem(StatusCodes.Status400BadRequest, T["\"sort\" must be one of: {0}.", string.Join(", ", TeamFilter.Sorts)]));
        }

        if (pageSize is < 1 or > 200 || page is < 1)
        {
            return (null, ApiEndpoints.Problem(StatusCodes.Status400BadRequest, T["\"page\" starts at 1 and \"pageSize\" is between 1 and 200."]));
        }

        return (new TeamFilter(tierValue, statusValue, courseId, sort ?? "name", string.Equals(dir, "desc", StringComparison.OrdinalIgnoreCase), page ?? 1, pageSize), null);
    }
}
