using System.Net;
using System.Text;
using Lms.Modules.Organization.Identity;
using Lms.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Organization;

public sealed class FirstSignInTests(LmsAppFactory factory) : SiteTest(factory)
{
    private const string NewPassword = "Hajimete-2026!";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync();
    }

    /// <summary>A demo colleague of demo-staff: an account created without a password, as an import creates them.</summary>
    private Task<LmsUser> NewcomerAsync() => Factory.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<LmsUser>>();
        var candidates = users.Users.Where(u => u.PasswordHash == null && u.IsActive).OrderBy(u => u.UserName).Take(1).ToList();
        Assert.NotEmpty(candidates);
        return candidates[0];
    });

    private Task<string> IssueAsync(LmsUser user) =>
        Factory.WithScopeAsync(async sp => (await sp.GetRequiredService<FirstSignInCodes>().IssueAsync((await sp.GetRequiredService<UserManager<LmsUser>>().FindByIdAsync(user.Id.ToString()))!)).Code);

    private static Task<HttpResponseMessage> FirstSignInAsync(HttpClient client, string login, string code, string password = NewPassword, string? confirm = null) =>
        SiteClient.PostFormAsync(client, "/account/first-sign-in", new()
        {
            ["Login"] = login, ["Code"] = code, ["NewPassword"] = password, ["ConfirmPassword"] = confirm ?? password,
        });

    [Fact]
    public async Task A_newcomer_chooses_a_password_with_the_code_and_is_signed_in_and_the_code_works_once()
    {
        var user = await NewcomerAsync();
        var code = await IssueAsync(user);
        var client = SiteClient.Create(Factory);
        Assert.Contains("初めての方は", await client.GetStringAsync("/account/sign-in"));

        var response = await FirstSignInAsync(client, user.UserName!, code.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("さん、ようこそ", await client.GetStringAsync("/"));
        await SiteClient.SignInAsync(Factory, user.UserName!, NewPassword);

        var again = await FirstSignInAsync(SiteClient.Create(Factory), user.UserName!, code);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Wrong_unknown_and_expired_codes_get_the_same_Japanese_answer()
    {
        var user = await NewcomerAsync();
        var code = await IssueAsync(user);
        var client = SiteClient.Create(Factory);

        var wrong = await FirstSignInAsync(client, user.UserName!, "AAAA-BBBB-CCCC");
        var unknown = await FirstSignInAsync(client, "no-such-person", code);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var message = "職員番号かサインインコードが正しくないか、コードの有効期限が切れています。";
        Assert.Contains(message, await wrong.Content.ReadAsStringAsync());
        Assert.Contains(message, await unknown.Content.ReadAsStringAsync());

        // Expire the stored code: same hash, a time in the past.
        await Factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<LmsUser>>();
            var stored = await users.FindByIdAsync(user.Id.ToString());
            var value = await users.GetAuthenticationTokenAsync(stored!, "Lms", "FirstSignInCode");
            await users.SetAuthenticationTokenAsync(stored!, "Lms", "FirstSignInCode", value!.Split('|')[0] + "|1000");
            return true;
        });
        var expired = await FirstSignInAsync(client, user.UserName!, code);
        Assert.Contains(message, await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_typo_in_the_new_password_does_not_use_up_the_code()
    {
        var user = await NewcomerAsync();
        var code = await IssueAsync(user);
        var client = SiteClient.Create(Factory);

        var mismatch = await FirstSignInAsync(client, user.UserName!, code, NewPassword, "Different-2026!");
        Assert.Contains("新しいパスワードが 2 回とも同じになっていません。", await mismatch.Content.ReadAsStringAsync());
        var weak = await FirstSignInAsync(client, user.UserName!, code, "short");
        Assert.Contains("短すぎます", await weak.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await FirstSignInAsync(client, user.UserName!, code)).StatusCode);
    }

    [Fact]
    public async Task Admins_download_codes_for_everyone_without_a_password_and_they_work()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var response = await SiteClient.PostFormAsync(admin, "/admin/roster-imports?handler=Codes", [], formPage: "/admin/roster-imports");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("職員番号,氏名,所属,初回サインインコード,有効期限", lines[0]);
        Assert.Equal(115, lines.Length - 1); // 120 demo staff, 5 demo accounts already have passwords
        var first = lines[1].Split(',');
        Assert.Equal(HttpStatusCode.Redirect, (await FirstSignInAsync(SiteClient.Create(Factory), first[0], first[3])).StatusCode);
        Assert.Contains("account.codes-issued", await admin.GetStringAsync("/admin/audit?type=roster"));
    }

    [Fact]
    public async Task Without_AssignRoles_nobody_can_issue_a_code_for_an_administrator()
    {
        // An HR clerk role: may manage people, may not grant roles, so may not take over an admin account.
        await Factory.Services.GetRequiredService<Lms.Framework.Recipes.RecipeRunner>().RunAsync("""
            {"name": "hr", "steps": [{"name": "roles", "roles": [{"name": "Manager", "permissions": ["AccessAdminArea", "ViewOrganization", "ManageOrganization"]}]}]}
            """, "hr.recipe.json", null, default);
        var adminStaffId = (await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-admin"))).StaffId;
        var clerk = await SiteClient.SignInAsync(Factory, "demo-manager");

        var response = await SiteClient.PostFormAsync(clerk, $"/admin/staff/{adminStaffId}?handler=IssueCode", [], formPage: $"/admin/staff/{adminStaffId}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Names_in_the_codes_file_cannot_run_as_Excel_formulas()
    {
        var user = await NewcomerAsync();
        await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Lms.Modules.Organization.Data.OrganizationDbContext>();
            var staff = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Staff, s => s.Id == user.StaffId);
            staff.FamilyName = "=HYPERLINK(\"http://x\",\"a\")";
            await db.SaveChangesAsync();
            return true;
        });
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var response = await SiteClient.PostFormAsync(admin, "/admin/roster-imports?handler=Codes", [], formPage: "/admin/roster-imports");

        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\") ", text);
    }

    [Fact]
    public async Task An_admin_issues_one_code_from_the_staff_page_and_it_is_shown_once()
    {
        var user = await NewcomerAsync();
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var page = await SiteClient.PostFormAsync(admin, $"/admin/staff/{user.StaffId}?handler=IssueCode", [], formPage: $"/admin/staff/{user.StaffId}");

        var html = await page.Content.ReadAsStringAsync();
        var code = System.Text.RegularExpressions.Regex.Match(html, "初回サインインコード: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})").Groups[1].Value;
        Assert.NotEmpty(code);
        Assert.DoesNotContain(code, await admin.GetStringAsync($"/admin/staff/{user.StaffId}"));
        Assert.Equal(HttpStatusCode.Redirect, (await FirstSignInAsync(SiteClient.Create(Factory), user.UserName!, code)).StatusCode);
    }
}
