using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Lms.Contracts.Organization;
using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Domain;
using Lms.Modules.Certificates.Features.Admin;
using Lms.Tests.Gamification;
using Lms.Tests.Infrastructure;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lms.Tests.Workshops.AttendanceHelpers;

namespace Lms.Tests.Certificates;

public sealed class AccessAndZipTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CertificateFixture.SetUpAsync(Factory);
    }

    [Fact]
    public async Task My_certificates_list_and_download_for_the_owner_and_nobody_else_but_managers_and_admins()
    {
        var certificate = await CertificateFixture.CompleteAsync(Factory);
        var owner = await ApiAsync(Factory, "demo-staff");

        var mine = Assert.Single(JsonNode.Parse(await owner.GetStringAsync("/api/v1/me/certificates"))!.AsArray())!;
        Assert.Equal((certificate.Id.ToString(), "テスト一般職コース", VerificationCodes.Display(certificate.Code), $"/api/v1/certificates/{certificate.Id}/pdf"),
            ((string)mine["id"]!, (string)mine["course"]!["title"]!, (string)mine["verificationCode"]!, (string)mine["pdfUrl"]!));
        Assert.NotNull(mine["issuedAt"]);
        var pdf = await CertificateFixture.GetBytesAsync(owner, (string)mine["pdfUrl"]!);
        Assert.Equal(await CertificateFixture.StoredPdfAsync(Factory, certificate), pdf);

        // The page too, in Japanese, with the download link.
        var page = await (await SiteClient.SignInAsync(Factory, "demo-staff")).GetStringAsync("/me/certificates");
        Assert.Contains("テスト一般職コース", page, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/certificates/{certificate.Id}/pdf", page, StringComparison.Ordinal);

        // demo-staff's manager and an admin may fetch it; another learner, a manager of another team and strangers may not.
        var manager = await ManagerOfAsync(certificate.StaffId);
        await CertificateFixture.GetBytesAsync(await ApiAsync(Factory, manager), $"/api/v1/certificates/{certificate.Id}/pdf");
        await CertificateFixture.GetBytesAsync(await ApiAsync(Factory, "demo-admin"), $"/api/v1/certificates/{certificate.Id}/pdf");
        var other = await ApiAsync(Factory, "demo-facilitator");
        await CertificateFixture.GetBytesAsync(other, $"/api/v1/certificates/{certificate.Id}/pdf", HttpStatusCode.NotFound);
        Assert.Empty(JsonNode.Parse(await other.GetStringAsync("/api/v1/me/certificates"))!.AsArray());
        await CertificateFixture.GetBytesAsync(SiteClient.Create(Factory), $"/api/v1/certificates/{certificate.Id}/pdf", HttpStatusCode.Unauthorized);

        // A manager may not fetch a certificate of someone outside their team.
        var stranger = await StrangerAsync(manager);
        var theirs = await IssueAsync(stranger);
        await CertificateFixture.GetBytesAsync(await ApiAsync(Factory, manager), $"/api/v1/certificates/{theirs.Id}/pdf", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_manager_downloads_the_team_as_one_ZIP_that_holds_only_the_team()
    {
        var mine = await CertificateFixture.CompleteAsync(Factory);
        var managerName = await ManagerOfAsync(mine.StaffId);
        // Someone outside the team has a certificate too.
        var theirs = await IssueAsync(await StrangerAsync(managerName));

        var client = await SiteClient.SignInAsync(Factory, managerName);
        var page = await client.GetStringAsync("/team/certificates");
        Assert.Contains(mine.RecipientName, page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.RecipientName, page, StringComparison.Ordinal);

        var response = await SiteClient.PostFormAsync(client, "/team/certificates?handler=Zip", new(), "/team/certificates");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var entry = Assert.Single(zip.Entries);
        Assert.Equal($"{mine.EmployeeNumber}_{mine.RecipientName.Replace(" ", "", StringComparison.Ordinal)}_テスト一般職コース_{VerificationCodes.Display(mine.Code)}.pdf", entry.FullName);
        using var content = new MemoryStream();
        await using (var stream = entry.Open())
        {
            await stream.CopyToAsync(content);
        }

        Assert.Equal(await CertificateFixture.StoredPdfAsync(Factory, mine), content.ToArray());

        // Staff have no team page.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SiteClient.SignInAsync(Factory, "demo-staff")).GetAsync("/team/certificates")).StatusCode);
    }

    [Fact]
    public async Task An_admin_downloads_a_tiers_certificates_at_once_and_a_large_set_through_a_background_job()
    {
        var mine = await CertificateFixture.CompleteAsync(Factory);
        var theirs = await IssueAsync(await StrangerAsync("demo-manager"));
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        // Small: the ZIP comes at once. The general tier holds both; the executive tier none.
        var response = await SiteClient.PostFormAsync(admin, "/admin/certificates?handler=Zip&tier=general", new(), "/admin/certificates");
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using (var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync())))
        {
            Assert.Equal(new[] { mine.Code, theirs.Code }.Order(), zip.Entries.Select(e => e.FullName[^23..^4].Replace("-", "", StringComparison.Ordinal)).Order());
        }

        var none = await SiteClient.PostFormAsync(admin, "/admin/certificates?handler=Zip&tier=executive", new(), "/admin/certificates");
        Assert.Contains("ダウンロードするものがありません", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Large (here: more than one): prepared by a job, then offered on the page.
        var options = Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Lms.Modules.Certificates.Storage.CertificateOptions>>().Value;
        var limit = options.InlineZipLimit;
        options.InlineZipLimit = 1;
        try
        {
            var queued = await SiteClient.PostFormAsync(admin, "/admin/certificates?handler=Zip", new(), "/admin/certificates");
            Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);
        }
        finally
        {
            options.InlineZipLimit = limit;
        }

        CertificateExport export;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Factory.WaitForJobsAsync();
            export = await Factory.WithScopeAsync(sp => sp.GetRequiredService<CertificatesDbContext>().Exports.AsNoTracking().SingleAsync());
        }
        while (export.Status is CertificateExportStatus.Queued or CertificateExportStatus.Running && DateTime.UtcNow < deadline && await Task.Delay(100).ContinueWith(_ => true));

        Assert.Equal((CertificateExportStatus.Ready, 2), (export.Status, export.Count));
        Assert.Contains($"handler=Export&amp;id={export.Id}", await admin.GetStringAsync("/admin/certificates"), StringComparison.Ordinal);
        var file = await admin.GetAsync($"/admin/certificates?handler=Export&id={export.Id}");
        using (var zip = new ZipArchive(new MemoryStream(await file.Content.ReadAsByteArrayAsync())))
        {
            Assert.Equal(2, zip.Entries.Count);
        }

        // Not for managers, not even through their own page's download.
        var manager = await SiteClient.SignInAsync(Factory, "demo-manager");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/admin/certificates?handler=Export&id={export.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/team/certificates?handler=Export&id={export.Id}")).StatusCode);
    }

    private async Task<string> ManagerOfAsync(Guid staffId)
    {
        var managers = await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetStaffInRole("Manager")));
        foreach (var name in new[] { "demo-manager" })
        {
            var id = await WorkshopFixture.StaffIdAsync(Factory, name);
            if ((await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetTeamMembers(id)))).Contains(staffId))
            {
                return name;
            }
        }

        throw new InvalidOperationException($"demo-manager does not manage {staffId} ({managers.Count} managers).");
    }

    /// <summary>A general-tier learner outside the manager's team.</summary>
    private async Task<Guid> StrangerAsync(string managerName)
    {
        var managerId = await WorkshopFixture.StaffIdAsync(Factory, managerName);
        var team = await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetTeamMembers(managerId)));
        return (await WorkshopFixture.LearnersAsync(Factory)).First(id => !team.Contains(id) && id != managerId);
    }

    /// <summary>A certificate for the person's completion of the test course now (as the job would issue it).</summary>
    private async Task<Certificate> IssueAsync(Guid staffId) =>
        (await Factory.WithScopeAsync(sp => sp.GetRequiredService<Lms.Modules.Certificates.Features.Issue.CertificateIssuer>()
            .IssueForCourseAsync(staffId, GameFixture.CourseId, 1, DateTimeOffset.UtcNow.AddMinutes(-3), CancellationToken.None)))!;
}
