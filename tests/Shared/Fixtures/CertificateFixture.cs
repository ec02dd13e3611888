using System.Net;
using Lms.Contracts.Organization;
using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Storage;
using Lms.Tests.Gamification;
using Lms.Tests.Infrastructure;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Certificates;

internal static class CertificateFixture
{
    /// <summary>The Learning tests' course on a small demo city; demo-staff is one of its learners.</summary>
    public static Task SetUpAsync(LmsAppFactory factory) => GameFixture.SetUpAsync(factory);

    /// <summary>demo-staff completes the test course through the API, and the certificate job has run.</summary>
    public static async Task<Certificate> CompleteAsync(LmsAppFactory factory, string userName = "demo-staff")
    {
        var api = await AttendanceHelpers.ApiAsync(factory, userName);
        await GameFixture.CompleteCourseAsync(api);
        var staffId = await WorkshopFixture.StaffIdAsync(factory, userName);
        return await IssuedAsync(factory, staffId);
    }

    /// <summary>The person's course certificate, once the background job has issued it (waits up to 30 s).</summary>
    public static async Task<Certificate> IssuedAsync(LmsAppFactory factory, Guid staffId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await factory.FlushDeferredWorkAsync(); // what the host does every 2 s
            await factory.WaitForJobsAsync();
            var found = (await CertificatesAsync(factory, staffId)).Where(c => c.Kind == CertificateKind.Course).ToList();
            if (found.Count > 0 || DateTime.UtcNow > deadline)
            {
                return Assert.Single(found);
            }

            await Task.Delay(100);
        }
    }

    public static Task<List<Certificate>> CertificatesAsync(LmsAppFactory factory, Guid? staffId = null) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<CertificatesDbContext>().Certificates.AsNoTracking()
            .Where(c => staffId == null || c.StaffId == staffId).ToListAsync());

    public static Task<List<CertificateAuditEntry>> AuditAsync(LmsAppFactory factory, Guid certificateId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<CertificatesDbContext>().Audit.AsNoTracking()
            .Where(a => a.CertificateId == certificateId).OrderBy(a => a.Id).ToListAsync());

    public static Task<byte[]> StoredPdfAsync(LmsAppFactory factory, Certificate certificate) =>
        factory.WithScopeAsync(async sp =>
        {
            await using var stream = sp.GetRequiredService<CertificateStore>().OpenRead(certificate.FileKey) ?? throw new FileNotFoundException(certificate.FileKey);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            return buffer.ToArray();
        });

    public static Task<StaffName> NameAsync(LmsAppFactory factory, Guid staffId) =>
        factory.WithScopeAsync(async sp => (await sp.GetRequiredService<IMediator>().Send(new GetStaffNames([staffId])))[0]);

    public static async Task<byte[]> GetBytesAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode}, expected {(int)expected}");
        return await response.Content.ReadAsByteArrayAsync();
    }
}
