using System.Text.Json;
using FluentValidation;
using Lms.Contracts.Organization;
using Lms.Framework.Web;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Lms.Modules.Organization.Features.ImportRoster;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Api;

/// <summary>HR integration: roster imports, the staff list and the org chart (admins only).</summary>
internal static class RosterApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Roster").MapGroup("/admin");

        api.MapPost("/roster-imports", async (HttpRequest request, IMediator mediator, IStringLocalizer<OrganizationStrings> T, IConfiguration configuration, CancellationToken ct) =>
            {
                // Room for the configured file size (plus the multipart envelope); the validator gives the Japanese message.
                var limit = (configuration.GetValue("Lms:Roster:MaxUploadMegabytes", 50) + 1) * 1024L * 1024L;
                if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
                {
                    body.MaxRequestBodySize = limit;
                }

                if (!request.HasFormContentType)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status415UnsupportedMediaType, T["Send the file as multipart/form-data in a field named file."]);
                }

                var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, ct);
                var file = form.Files.GetFile("file");
                if (file is null)
                {
                    throw new ValidationException([new FluentValidation.Results.ValidationFailure("file", T["Send the file as multipart/form-data in a field named file."])]);
                }

                await using var content = file.OpenReadStream();
                var id = await mediator.Send(new StartRosterImport.Command(file.FileName, content, file.Length, form["mode"].ToString(), form["encoding"].ToString(),
                    request.HttpContext.User.Identity?.Name ?? "api"), ct);
                return Results.Accepted($"/api/v1/admin/roster-imports/{id}", new { id });
            })
            .RequireAuthorization(Permissions.ManageOrganization.Name)
            .DisableAntiforgery() // bearer callers; the cookie is SameSite=Lax, so no cross-site form can post here
            .WithName("StartRosterImport")
            .WithSummary("Upload an HR roster CSV (multipart field 'file'; optional 'mode' = full|partial, 'encoding' = auto|utf-8|shift_jis). Returns 202 with the import id.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/roster-imports/{id:guid}", async (Guid id, OrganizationDbContext db, CancellationToken ct) =>
            {
                var import = await db.RosterImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
                return import is null ? ApiEndpoints.Problem(StatusCodes.Status404NotFound) : Results.Ok(new
                {
                    id = import.Id,
                    fileName = import.FileName,
                    mode = import.FullImport ? "full" : "partial",
                    status = import.Status.ToString().ToLowerInvariant(),
                    encoding = import.DetectedEncoding,
                    totalRows = import.TotalRows,
                    processedRows = import.ProcessedRows,
                    created = import.Created,
                    updated = import.Updated,
                    moved = import.Moved,
                    deactivated = import.Deactivated,
                    unchanged = import.Unchanged,
                    message = import.Message,
                    errors = JsonSerializer.Deserialize<JsonElement>(import.ErrorsJson),
                    createdAt = import.CreatedAt,
                    finishedAt = import.FinishedAt,
                });
            })
            .RequireAuthorization(Permissions.ManageOrganization.Name)
            .WithName("GetRosterImport")
            .WithSummary("Status and outcome of a roster import: status pending|running|succeeded|failed, counts, and every error with line and column.");

        api.MapGet("/staff", async (string? orgUnit, string? tier, bool? active, int? page, int? pageSize, OrganizationDbContext db, IStringLocalizer<OrganizationStrings> T, CancellationToken ct) =>
            {
                var chart = await OrgChart.LoadAsync(db, ct);
                var query = db.Staff.AsNoTracking().AsQueryable();
                if (!string.IsNullOrWhiteSpace(orgUnit))
                {
                    var unit = Guid.TryParse(orgUnit, out var unitId) ? chart.Find(unitId) : chart.All.FirstOrDefault(n => n.Unit.Path == orgUnit.Trim());
                    if (unit is null)
                    {
                        return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, T["Unknown org unit: give its id or its path."]);
                    }

                    var scope = chart.Subtrees([unit.Unit.Id]).ToList();
                    query = query.Where(s => scope.Contains(s.OrgUnitId));
                }

                if (!string.IsNullOrWhiteSpace(tier))
                {
                    if (!StaffTierNames.TryParse(tier, out var parsed))
                    {
                        return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, T["Unknown tier: use executive, manager or general."]);
                    }

                    query = query.Where(s => s.Tier == parsed);
                }

                if (active is { } isActive)
                {
                    query = query.Where(s => s.IsActive == isActive);
                }

                var size = Math.Clamp(pageSize ?? 100, 1, 1000);
                var number = Math.Max(page ?? 1, 1);
                var total = await query.CountAsync(ct);
                var paths = chart.All.ToDictionary(n => n.Unit.Id, n => n.Unit.Path);
                var items = (await query.OrderBy(s => s.EmployeeNumber).Skip((number - 1) * size).Take(size).ToListAsync(ct)).Select(s => new
                {
                    id = s.Id,
                    employeeNumber = s.EmployeeNumber,
                    familyName = s.FamilyName,
                    givenName = s.GivenName,
                    familyNameKana = s.FamilyNameKana,
                    givenNameKana = s.GivenNameKana,
                    email = s.Email,
                    orgUnitId = s.OrgUnitId,
                    orgUnitPath = paths.GetValueOrDefault(s.OrgUnitId),
                    tier = s.Tier.ToApiValue(),
                    jobTitle = s.JobTitle,
                    active = s.IsActive,
                });
                return Results.Ok(new { total, page = number, pageSize = size, items });
            })
            .RequireAuthorization(Permissions.ManageOrganization.Name)
            .WithName("ListStaff")
            .WithSummary("Staff, filtered by org unit (id or path, with the units below it), tier and active flag; paged, with the total count.");

        api.MapGet("/org-units", async (OrganizationDbContext db, CancellationToken ct) =>
            {
                var chart = await OrgChart.LoadAsync(db, ct);
                var managers = (await (from m in db.UnitManagers.AsNoTracking()
                                       join s in db.Staff.AsNoTracking() on m.StaffId equals s.Id
                                       where s.IsActive
                                       select new { m.OrgUnitId, s.Id, s.EmployeeNumber, Name = s.FamilyName + " " + s.GivenName }).ToListAsync(ct))
                    .ToLookup(m => m.OrgUnitId);
                return Results.Ok(chart.All.Select(n => new
                {
                    id = n.Unit.Id,
                    name = n.Unit.Name,
                    path = n.Unit.Path,
                    parentId = n.Unit.ParentId,
                    managers = managers[n.Unit.Id].Select(m => new { staffId = m.Id, employeeNumber = m.EmployeeNumber, name = m.Name }),
                }));
            })
            .RequireAuthorization(Permissions.ManageOrganization.Name)
            .WithName("ListOrgUnits")
            .WithSummary("The org chart: every unit with id, name, path, parent id and managers, parents before children.");
    }
}
