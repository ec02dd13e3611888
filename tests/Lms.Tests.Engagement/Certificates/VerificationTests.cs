using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Lms.Modules.Certificates.Domain;
using Lms.Tests.Infrastructure;
using static Lms.Tests.Workshops.AttendanceHelpers;

namespace Lms.Tests.Certificates;

public sealed class VerificationTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CertificateFixture.SetUpAsync(Factory);
    }

    [Fact]
    public async Task A_valid_code_shows_name_course_date_and_issuer_to_anyone_and_nothing_else_about_the_person()
    {
        var certificate = await CertificateFixture.CompleteAsync(Factory);
        var code = VerificationCodes.Display(certificate.Code);
        var anonymous = SiteClient.Create(Factory);

        var page = await anonymous.GetAsync($"/verify/{code}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("この修了証は有効です。", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"valid\"", html, StringComparison.Ordinal);
        Assert.Contains(certificate.RecipientName, html, StringComparison.Ordinal);
        Assert.Contains("テスト一般職コース", html, StringComparison.Ordinal);
        Assert.Contains($"{certificate.CompletedOn.Year}年{certificate.CompletedOn.Month}月{certificate.CompletedOn.Day}日", html, StringComparison.Ordinal);
        Assert.Contains(certificate.Issuer, html, StringComparison.Ordinal);
        Assert.DoesNotContain(certificate.EmployeeNumber, html, StringComparison.Ordinal);
        Assert.DoesNotContain(certificate.RecipientNameKana, html, StringComparison.Ordinal);

        // Typed loosely (lower case, no hyphens) it is the same certificate; the API says the same as JSON.
        var json = JsonNode.Parse(await anonymous.GetStringAsync($"/api/v1/verify/{certificate.Code.ToLowerInvariant()}"))!;
        Assert.Equal((code, "valid", certificate.RecipientName, "テスト一般職コース", certificate.CompletedOn.ToString("yyyy-MM-dd"), certificate.Issuer),
            ((string)json["verificationCode"]!, (string)json["status"]!, (string)json["name"]!, (string)json["course"]!, (string)json["completedOn"]!, (string)json["issuer"]!));
        Assert.Null(json["employeeNumber"]);
        Assert.Null(json["replacedBy"]);
    }

    [Fact]
    public async Task An_unknown_code_is_a_plain_not_found_on_the_page_and_in_the_API()
    {
        await CertificateFixture.CompleteAsync(Factory);
        var anonymous = SiteClient.Create(Factory);

        var page = await anonymous.GetAsync("/verify/0000-0000-0000-0000");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("見つかりません。", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/verify/0000-0000-0000-0000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/verify/not-a-code")).StatusCode);
    }

    [Fact]
    public async Task Revoked_and_replaced_codes_say_so_and_the_replaced_one_names_its_successor()
    {
        var first = await CertificateFixture.CompleteAsync(Factory);
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var reissue = await SiteClient.PostFormAsync(admin, $"/admin/certificates?handler=Reissue&id={first.Id}", new() { ["reason"] = "氏名の訂正" }, "/admin/certificates");
        Assert.Equal(HttpStatusCode.Redirect, reissue.StatusCode);
        var all = await CertificateFixture.CertificatesAsync(Factory, first.StaffId);
        var second = Assert.Single(all, c => c.Id != first.Id);
        Assert.Equal(second.Id, Assert.Single(all, c => c.Id == first.Id).ReplacedById);
        Assert.Equal((first.Id, first.CompletedAt, first.CompletedOn), (second.ReplacesId, second.CompletedAt, second.CompletedOn));

        var anonymous = SiteClient.Create(Factory);
        var replaced = JsonNode.Parse(await anonymous.GetStringAsync($"/api/v1/verify/{first.Code}"))!;
        Assert.Equal(("replaced", VerificationCodes.Display(second.Code)), ((string)replaced["status"]!, (string)replaced["replacedBy"]!));
        Assert.Contains("差し替えられています", await anonymous.GetStringAsync($"/verify/{VerificationCodes.Display(first.Code)}"), StringComparison.Ordinal);

        var revoke = await SiteClient.PostFormAsync(admin, $"/admin/certificates?handler=Revoke&id={second.Id}", new() { ["reason"] = "誤って発行したため" }, "/admin/certificates");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        var revoked = JsonNode.Parse(await anonymous.GetStringAsync($"/api/v1/verify/{second.Code}"))!;
        Assert.Equal("revoked", (string)revoked["status"]!);
        Assert.NotNull(revoked["revokedOn"]);
        Assert.DoesNotContain("誤って", revoked.ToJsonString(), StringComparison.Ordinal); // the reason stays inside
        Assert.Contains("この修了証は失効しています。", await anonymous.GetStringAsync($"/verify/{VerificationCodes.Display(second.Code)}"), StringComparison.Ordinal);

        // Both actions are on the record, with who did them and why.
        var firstAudit = await CertificateFixture.AuditAsync(Factory, first.Id);
        var secondAudit = await CertificateFixture.AuditAsync(Factory, second.Id);
        Assert.Equal(["issued", "replaced"], firstAudit.Select(a => a.Action));
        Assert.Contains(VerificationCodes.Display(second.Code), firstAudit[1].Detail, StringComparison.Ordinal);
        Assert.Equal(["reissued", "revoked"], secondAudit.Select(a => a.Action));
        Assert.All(secondAudit, a => Assert.Equal("demo-admin", a.Actor));
        Assert.Contains("氏名の訂正", secondAudit[0].Detail, StringComparison.Ordinal);
        Assert.Equal("誤って発行したため", secondAudit[1].Detail);
    }

    [Fact]
    public async Task Revoking_needs_a_reason_and_a_replaced_certificate_cannot_be_acted_on_again()
    {
        var first = await CertificateFixture.CompleteAsync(Factory);
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var noReason = await SiteClient.PostFormAsync(admin, $"/admin/certificates?handler=Revoke&id={first.Id}", new() { ["reason"] = " " }, "/admin/certificates");
        Assert.Contains("失効の理由を入力してください", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Lms.Modules.Certificates.Data.CertificateStatus.Valid, Assert.Single(await CertificateFixture.CertificatesAsync(Factory, first.StaffId)).Status);

        await SiteClient.PostFormAsync(admin, $"/admin/certificates?handler=Reissue&id={first.Id}", new(), "/admin/certificates");
        var again = await SiteClient.PostFormAsync(admin, $"/admin/certificates?handler=Revoke&id={first.Id}", new() { ["reason"] = "x" }, "/admin/certificates");
        Assert.Contains("差し替え済みです", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Reissuing the same certificate twice (a double click) still makes one successor.
        await SiteClient.PostFormAsync(admin, $"/admin/certificates?handler=Reissue&id={first.Id}", new(), "/admin/certificates");
        Assert.Equal(2, (await CertificateFixture.CertificatesAsync(Factory, first.StaffId)).Count);
    }

    [Fact]
    public async Task Look_ups_are_rate_limited_per_client_address()
    {
        var certificate = await CertificateFixture.CompleteAsync(Factory);
        async Task<HttpStatusCode> LookUpAsync(string path, string address) =>
            (HttpStatusCode)(await Factory.Server.SendAsync(context =>
            {
                context.Request.Method = "GET";
                context.Request.Path = path;
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            })).Response.StatusCode;

        var options = Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Lms.Modules.Certificates.Storage.CertificateOptions>>().Value;
        var limit = options.VerifyRequestsPerMinute;
        options.VerifyRequestsPerMinute = 30; // the default
        try
        {
            // 30 a minute from one address (page and API together), guessed codes included; the empty form is free.
            for (var i = 0; i < 15; i++)
            {
                Assert.Equal(HttpStatusCode.NotFound, await LookUpAsync($"/api/v1/verify/{i:D4}-0000-0000-0000", "203.0.113.7"));
                Assert.Equal(HttpStatusCode.OK, await LookUpAsync($"/verify/{certificate.Code}", "203.0.113.7"));
                Assert.Equal(HttpStatusCode.OK, await LookUpAsync("/verify", "203.0.113.7"));
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, await LookUpAsync($"/verify/{certificate.Code}", "203.0.113.7"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await LookUpAsync($"/api/v1/verify/{certificate.Code}", "203.0.113.7"));
            // Another address is not held back.
            Assert.Equal(HttpStatusCode.OK, await LookUpAsync($"/api/v1/verify/{certificate.Code}", "198.51.100.20"));
        }
        finally
        {
            options.VerifyRequestsPerMinute = limit;
        }
    }

    [Fact]
    public void Clients_are_told_apart_by_address_and_IPv6_clients_by_their_64_bit_prefix()
    {
        Assert.Equal("203.0.113.7", Lms.Framework.Security.ClientAddresses.PartitionKey(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.Equal(Lms.Framework.Security.ClientAddresses.PartitionKey(IPAddress.Parse("2001:db8:1:2::10")),
            Lms.Framework.Security.ClientAddresses.PartitionKey(IPAddress.Parse("2001:db8:1:2:abcd::99")));
        Assert.NotEqual(Lms.Framework.Security.ClientAddresses.PartitionKey(IPAddress.Parse("2001:db8:1:2::10")),
            Lms.Framework.Security.ClientAddresses.PartitionKey(IPAddress.Parse("2001:db8:1:3::10")));
        Assert.Equal("local", Lms.Framework.Security.ClientAddresses.PartitionKey(null));
    }

    [Fact]
    public void Codes_typed_loosely_or_with_a_Japanese_input_method_are_understood()
    {
        var code = VerificationCodes.NewCode();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{16}$", code);
        Assert.Equal(code, VerificationCodes.Normalize(VerificationCodes.Display(code)));
        Assert.Equal("7K3MQ9XD2HPAW4RT", VerificationCodes.Normalize("７ｋ３ｍ－Ｑ９ＸＤ－２ＨＰＡ－Ｗ４ＲＴ"));
        Assert.Equal("01110000000000A1", VerificationCodes.Normalize("oIlL-0000-0000-00Ai"));
        Assert.Null(VerificationCodes.Normalize("7K3M-Q9XD-2HPA-W4R"));
        Assert.Null(VerificationCodes.Normalize("7K3M-Q9XD-2HPA-W4RU"));
        Assert.NotEqual(VerificationCodes.NewCode(), VerificationCodes.NewCode());
    }
}
