using Lms.Contracts.Certificates;
using Lms.Contracts.Learning;
using Lms.Framework.Settings;
using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Domain;
using Lms.Modules.Certificates.Features.Issue;
using Lms.Tests.Gamification;
using Lms.Tests.Infrastructure;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Certificates;

public sealed class IssuingTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CertificateFixture.SetUpAsync(Factory);
        Factory.Events.Clear();
    }

    [Fact]
    public async Task Completing_the_course_issues_one_certificate_with_the_name_course_date_and_issuer_of_that_moment()
    {
        var certificate = await CertificateFixture.CompleteAsync(Factory);

        var name = await CertificateFixture.NameAsync(Factory, certificate.StaffId);
        var enrolment = await Factory.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<IMediator>().Send(new GetLearningRecords([certificate.StaffId], false))).Enrolments.Single(e => e.CourseId == GameFixture.CourseId));
        var site = await Factory.WithScopeAsync(sp => sp.GetRequiredService<ISiteSettingsService>().GetAsync());
        var zone = TimeZoneInfo.FindSystemTimeZoneById(site.TimeZoneId);

        Assert.Equal(($"{name.FamilyName} {name.GivenName}", name.NameKana, name.EmployeeNumber), (certificate.RecipientName, certificate.RecipientNameKana, certificate.EmployeeNumber));
        Assert.Equal("テスト一般職コース", certificate.Title);
        Assert.Equal(GameFixture.CourseId, certificate.CourseId);
        Assert.True(certificate.CourseVersion >= 1);
        Assert.Equal(enrolment.CompletedAt, certificate.CompletedAt);
        Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(enrolment.CompletedAt!.Value, zone).DateTime), certificate.CompletedOn);
        Assert.Equal(site.OrganizationName, certificate.Issuer);
        Assert.Equal(CertificateStatus.Valid, certificate.Status);
        Assert.Equal(16, certificate.Code.Length);
        Assert.Equal(certificate.Code, VerificationCodes.Normalize(VerificationCodes.Display(certificate.Code).ToLowerInvariant()));
        Assert.Equal("issued", Assert.Single(await CertificateFixture.AuditAsync(Factory, certificate.Id)).Action);
        var issued = Assert.Single(Factory.Events.Of<CertificateIssued>(), e => e.CourseId is not null);
        Assert.Equal((certificate.Id, certificate.StaffId, certificate.CompletedOn), (issued.CertificateId, issued.StaffId, issued.CompletedOn));

        // The stored PDF is the one described, A4 landscape (842 x 595 pt).
        var pdf = await CertificateFixture.StoredPdfAsync(Factory, certificate);
        Assert.Equal(certificate.FileSize, pdf.Length);
        Assert.Equal(certificate.FileSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.Matches(@"/MediaBox\s*\[\s*0 0 842 595\s*\]", System.Text.Encoding.Latin1.GetString(pdf));
    }

    [Fact]
    public async Task Duplicate_events_and_retried_jobs_issue_exactly_one_certificate()
    {
        var certificate = await CertificateFixture.CompleteAsync(Factory);
        var completed = new CourseCompleted(certificate.StaffId, GameFixture.CourseId, certificate.CourseVersion!.Value, certificate.CompletedAt);

        // The event again (twice, enqueueing jobs), and the job itself eight times at once, as retries and two nodes would.
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Publish(completed));
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Publish(completed));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Factory.WithScopeAsync(sp => i % 2 == 0
            ? sp.GetRequiredService<IssueCertificateJob>().RunAsync(completed.StaffId, completed.CourseId, completed.CourseVersion, completed.CompletedAt, CancellationToken.None)
            : sp.GetRequiredService<IssueCertificateJob>().RunBatchAsync([new CourseCompletion(completed.StaffId, completed.CourseId, completed.CourseVersion, completed.CompletedAt)], CancellationToken.None))));
        await Factory.FlushDeferredWorkAsync();
        await Factory.WaitForJobsAsync();

        var all = await CertificateFixture.CertificatesAsync(Factory, certificate.StaffId);
        Assert.Equal(certificate.Id, Assert.Single(all).Id);
        Assert.Single(await CertificateFixture.AuditAsync(Factory, certificate.Id));
        // Losers of the race leave no file behind.
        var root = Factory.Services.GetRequiredService<Lms.Modules.Certificates.Storage.CertificateStore>().Root;
        Assert.Single(Directory.GetFiles(root, "*.pdf", SearchOption.AllDirectories), f => f.EndsWith($"{certificate.Id:N}.pdf", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(root, "*.part", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_reconcile_job_issues_what_a_lost_job_missed_and_nothing_twice()
    {
        var certificate = await CertificateFixture.CompleteAsync(Factory);
        // As if the job had been lost: the row goes, the completion stays.
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<CertificatesDbContext>().Certificates.ExecuteDeleteAsync());

        var summary = await Factory.WithScopeAsync(sp => sp.GetRequiredService<ReconcileCertificatesJob>().RunAsync(CancellationToken.None));
        var again = await Factory.WithScopeAsync(sp => sp.GetRequiredService<ReconcileCertificatesJob>().RunAsync(CancellationToken.None));

        var reissued = Assert.Single(await CertificateFixture.CertificatesAsync(Factory, certificate.StaffId));
        Assert.Equal((certificate.CompletedAt, certificate.CompletedOn, certificate.Title), (reissued.CompletedAt, reissued.CompletedOn, reissued.Title));
        Assert.Contains("1 course certificates issued now", summary, StringComparison.Ordinal);
        Assert.Contains("0 course certificates issued now", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_programme_certificate_comes_once_every_course_of_the_programme_is_complete()
    {
        await Factory.RunRecipeJsonAsync("""
            {"name": "programme", "steps": [{"name": "certificate-programmes", "programmes": [
              {"key": "t-programme", "title": {"ja": "テスト研修課程", "en": "Test programme"}, "tier": "general", "courses": ["t-general"]},
              {"key": "t-two", "title": {"ja": "二つのコースの課程"}, "courses": ["t-general", "t-second"]}]}]}
            """);

        var course = await CertificateFixture.CompleteAsync(Factory);

        var all = await CertificateFixture.CertificatesAsync(Factory, course.StaffId);
        // Only the programme whose every course is complete: the other still lacks a course.
        var programme = Assert.Single(all, c => c.Kind == CertificateKind.Programme);
        Assert.Equal(("テスト研修課程", course.CompletedAt, course.CompletedOn), (programme.Title, programme.CompletedAt, programme.CompletedOn));
        Assert.Null(programme.CourseId);
        Assert.Contains(Factory.Events.Of<CertificateIssued>(), e => e.ProgrammeKey == "t-programme");

        // Asking again changes nothing.
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateIssuer>().IssueForProgrammesAsync(course.StaffId, CancellationToken.None));
        Assert.Equal(2, (await CertificateFixture.CertificatesAsync(Factory, course.StaffId)).Count);
    }

    [PopplerFact]
    public async Task The_pdf_holds_the_Japanese_name_and_course_title_as_text_and_its_QR_code_opens_the_verification_page()
    {
        var certificate = await CertificateFixture.CompleteAsync(Factory);
        var pdf = await CertificateFixture.StoredPdfAsync(Factory, certificate);

        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains(certificate.RecipientName, text, StringComparison.Ordinal);
        Assert.Contains("テスト一般職コース", text, StringComparison.Ordinal);
        Assert.Matches(@"修\s*了\s*証", text);
        Assert.Contains(certificate.Issuer, text, StringComparison.Ordinal);
        Assert.Contains(VerificationCodes.Display(certificate.Code), text, StringComparison.Ordinal);
        Assert.Contains($"{certificate.CompletedOn.Year}年{certificate.CompletedOn.Month}月{certificate.CompletedOn.Day}日", text, StringComparison.Ordinal);

        var url = await PdfTools.DecodeQrAsync(pdf);
        Assert.Equal($"http://localhost:5000/verify/{VerificationCodes.Display(certificate.Code)}", url);
        var page = await SiteClient.Create(Factory).GetStringAsync(new Uri(url!).PathAndQuery);
        Assert.Contains("有効", page, StringComparison.Ordinal);
        Assert.Contains(certificate.RecipientName, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eight_issuers_racing_on_a_new_completion_leave_one_certificate_and_no_stray_file()
    {
        var person = (await WorkshopFixture.LearnersAsync(Factory))[3];
        var completedAt = DateTimeOffset.UtcNow.AddMinutes(-7);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Factory.WithScopeAsync(sp =>
            sp.GetRequiredService<CertificateIssuer>().IssueForCourseAsync(person, GameFixture.CourseId, 1, completedAt, CancellationToken.None)))));

        var stored = Assert.Single(await CertificateFixture.CertificatesAsync(Factory, person));
        Assert.All(results, r => Assert.Equal(stored.Id, r!.Id));
        Assert.Single(await CertificateFixture.AuditAsync(Factory, stored.Id));
        var root = Factory.Services.GetRequiredService<Lms.Modules.Certificates.Storage.CertificateStore>().Root;
        Assert.Equal([$"{stored.Id:N}.pdf"], Directory.GetFiles(root, "*.pdf", SearchOption.AllDirectories).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_batch_racing_single_issues_on_the_same_completions_still_issues_each_once()
    {
        var people = (await WorkshopFixture.LearnersAsync(Factory)).Take(6).ToList();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var completions = people.Select((p, i) => new CourseCompletion(p, GameFixture.CourseId, 1, at.AddMinutes(i))).ToList();

        var batch = Task.Run(() => Factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateIssuer>().IssueForCoursesAsync(completions, CancellationToken.None)));
        var singles = completions.Select(c => Task.Run(() => Factory.WithScopeAsync(sp =>
            sp.GetRequiredService<CertificateIssuer>().IssueForCourseAsync(c.StaffId, c.CourseId, c.CourseVersion, c.CompletedAt, CancellationToken.None))));
        await Task.WhenAll(singles.Cast<Task>().Append(batch));
        var again = await Factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateIssuer>().IssueForCoursesAsync(completions, CancellationToken.None));

        var all = await CertificateFixture.CertificatesAsync(Factory);
        Assert.Equal(people.Order(), all.Select(c => c.StaffId).Order());
        Assert.Equal(0, again);
        var root = Factory.Services.GetRequiredService<Lms.Modules.Certificates.Storage.CertificateStore>().Root;
        Assert.Equal(all.Select(c => $"{c.Id:N}.pdf").Order(), Directory.GetFiles(root, "*.pdf", SearchOption.AllDirectories).Select(Path.GetFileName).Order());
    }
}
