using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Framework.Web;
using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Domain;
using Lms.Modules.Certificates.Features;
using Lms.Modules.Certificates.Features.Access;
using Lms.Modules.Certificates.Features.Verify;
using Lms.Modules.Certificates.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Certificates.Api;

internal static class CertificatesApi
{
    /// <param name="Status"><c>valid</c>, <c>revoked</c> or <c>replaced</c>.</param>
    public sealed record CertificateResponse(
        Guid Id,
        string Kind,
        CourseRef Course,
        DateOnly CompletedOn,
        DateTimeOffset IssuedAt,
        string VerificationCode,
        string VerifyUrl,
        string PdfUrl,
        string Status);

    /// <param name="Id">The course's id (course certificates) or the programme's (programme certificates).</param>
    public sealed record CourseRef(Guid? Id, string Title, int? Version, string? ProgrammeKey);

    /// <param name="Status"><c>valid</c>, <c>revoked</c> or <c>replaced</c>.</param>
    /// <param name="ReplacedBy">The verification code of the certificate that replaced this one.</param>
    public sealed record VerificationResponse(string VerificationCode, string Status, string Name, string Course, DateOnly CompletedOn, string Issuer, DateOnly IssuedOn, DateOnly? RevokedOn, string? ReplacedBy);

    public static string Status(CertificateStatus status) => status switch
    {
        CertificateStatus.Revoked => "revoked",
        CertificateStatus.Replaced => "replaced",
        _ => "valid",
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Certificates");

        api.MapGet("/me/certificates", async (ClaimsPrincipal user, CertificatesDbContext db, IStringLocalizer<CertificatesStrings> T, CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["Only members of staff have certificates."]);
                }

                var certificates = await db.Certificates.AsNoTracking().Where(c => c.StaffId == staffId).ToListAsync(ct);
                var programmes = await db.Programmes.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Key, ct);
                return Results.Ok(certificates.OrderByDescending(c => c.IssuedAt).Select(c => new CertificateResponse(
                    c.Id,
                    c.Kind == CertificateKind.Programme ? "programme" : "course",
                    new CourseRef(c.CourseId ?? c.ProgrammeId, c.Title, c.CourseVersion, c.ProgrammeId is { } p ? programmes.GetValueOrDefault(p) : null),
                    c.CompletedOn,
                    c.IssuedAt,
                    VerificationCodes.Display(c.Code),
                    "/verify/" + VerificationCodes.Display(c.Code),
                    PdfUrl(c.Id),
                    Status(c.Status))).ToList());
            })
            .RequireAuthorization(Permissions.ViewOwnCertificates.Name)
            .WithName("GetMyCertificates")
            .WithSummary("The caller's certificates, newest first, with their verification codes and PDF links (revoked and replaced ones included, marked as such).")
            .Produces<List<CertificateResponse>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/certificates/{id:guid}/pdf", async (Guid id, ClaimsPrincipal user, CertificateAccess access, CertificateStore store, CancellationToken ct) =>
            {
                // Someone else's certificate is "not found" rather than "forbidden": ids are not confirmed to outsiders.
                if (await access.FindVisibleAsync(user, id, ct) is not { } certificate || store.OpenRead(certificate.FileKey) is not { } file)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status404NotFound);
                }

                return Results.File(file, "application/pdf", CertificateFiles.FileName(certificate), lastModified: certificate.IssuedAt,
                    entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue('"' + certificate.FileSha256 + '"'));
            })
            .RequireAuthorization()
            .WithName("GetCertificatePdf")
            .WithSummary("The certificate's PDF exactly as issued: for its owner, the owner's managers and administrators (404 for anyone else).")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/verify/{code}", async (string code, HttpContext http, Verification verification, VerificationThrottle throttle, IStringLocalizer<CertificatesStrings> T, CancellationToken ct) =>
            {
                if (!throttle.TryLookUp(http))
                {
                    return ApiEndpoints.Problem(StatusCodes.Status429TooManyRequests, T["Too many look-ups from your address. Wait a minute and try again."]);
                }

                if (await verification.FindAsync(code, ct) is not { } result)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status404NotFound);
                }

                return Results.Ok(new VerificationResponse(result.Code, result.Status, result.Name, result.Course, result.CompletedOn, result.Issuer, result.IssuedOn, result.RevokedOn, result.ReplacedBy));
            })
            .AllowAnonymous()
            .WithName("VerifyCertificate")
            .WithSummary("Public: whether a certificate code is valid, revoked or replaced, with the name, course, date and issuer. 404 for an unknown code; rate limited per client.")
            .Produces<VerificationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status429TooManyRequests);
    }

    public static string PdfUrl(Guid id) => $"/api/v1/certificates/{id}/pdf";
}
