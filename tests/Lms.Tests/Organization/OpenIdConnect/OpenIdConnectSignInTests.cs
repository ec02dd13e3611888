using System.Net;
using Lms.Framework.Security;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Identity;
using Lms.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Organization.OpenIdConnect;

/// <summary>
/// Single sign-on against a real OpenID Connect provider on loopback. The site is the shared test host, so each test
/// switches single sign-on on by adding a configuration source (as an edit of appsettings.json would) and off again
/// when it ends.
/// </summary>
public sealed class OpenIdConnectSignInTests(LmsAppFactory factory, OpenIdProviderFixture fixture)
    : SiteTest(factory), IClassFixture<OpenIdProviderFixture>
{
    private const string Section = "Lms:Authentication:OpenIdConnect";
    private readonly List<IConfigurationSource> sources = [];
    private TestOpenIdProvider Provider => fixture.Provider;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync();
    }

    public override Task DisposeAsync()
    {
        var configuration = (IConfigurationBuilder)Factory.Services.GetRequiredService<IConfiguration>();
        foreach (var source in sources)
        {
            configuration.Sources.Remove(source);
        }

        return Task.CompletedTask;
    }

    private void EnableSingleSignOn(params (string Key, string Value)[] overrides)
    {
        var values = new Dictionary<string, string?>
        {
            [$"{Section}:Enabled"] = "true",
            [$"{Section}:Authority"] = Provider.Authority.AbsoluteUri,
            [$"{Section}:ClientId"] = TestOpenIdProvider.ClientId,
            [$"{Section}:ClientSecret"] = TestOpenIdProvider.ClientSecret,
            [$"{Section}:RequireHttpsMetadata"] = "false",
            [$"{Section}:Scopes:0"] = "employee",
        };
        foreach (var (key, value) in overrides)
        {
            values[$"{Section}:{key}"] = value;
        }

        var source = new MemoryConfigurationSource { InitialData = values };
        sources.Add(source);
        ((IConfigurationBuilder)Factory.Services.GetRequiredService<IConfiguration>()).Add(source);
    }

    private Task<(int Users, int Staff)> CountAsync() => Factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<OrganizationDbContext>();
        return (await db.Users.CountAsync(), await db.Staff.CountAsync());
    });

    private static bool HasAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("lms.auth=", StringComparison.Ordinal));

    private static async Task AssertRefusedAsync(HttpClient site, HttpResponseMessage callback, string reason, string japanese)
    {
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal($"/account/sign-in/refused?reason={reason}", callback.Headers.Location!.OriginalString);
        Assert.False(HasAuthCookie(callback));

        var page = await site.GetAsync(callback.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("サインインできません", html);
        Assert.Contains(japanese, html);

        var home = await site.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("/account/sign-in", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Without_configuration_the_sign_in_page_has_no_single_sign_on_and_its_addresses_do_nothing()
    {
        var site = OpenIdConnectBrowser.Site(Factory);

        var page = await site.GetStringAsync("/account/sign-in");
        Assert.DoesNotContain("sign-in-external", page);
        Assert.DoesNotContain("庁内アカウントでサインイン", page);

        var challenge = await site.PostAsync("/account/sign-in/external", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SiteClient.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
        // No handler listens on the callback path: it is an unknown address like any other (anonymous: sent to sign in).
        var callback = await site.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "x", ["state"] = "x" }));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Contains("/account/sign-in?ReturnUrl=%2Fsignin-oidc", callback.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Settings_without_an_authority_leave_single_sign_on_off()
    {
        EnableSingleSignOn(("Authority", ""), ("MatchBy", "Phone"));

        var page = await OpenIdConnectBrowser.Site(Factory).GetStringAsync("/account/sign-in");

        Assert.DoesNotContain("sign-in-external", page);
        Assert.Contains("職員番号またはメールアドレス", page);
    }

    [Fact]
    public async Task A_known_employee_signs_in_through_the_provider_with_the_sites_own_cookie()
    {
        EnableSingleSignOn();
        var me = await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-staff"));
        Provider.NextPerson = new ProviderPerson("idp-user-1", me.EmployeeNumber, Email: null);
        var tokenRequests = Provider.TokenRequests;
        var site = OpenIdConnectBrowser.Site(Factory);

        var signInPage = await site.GetStringAsync("/account/sign-in");
        Assert.Contains("庁内アカウントでサインイン", signInPage);
        Assert.Contains("またはパスワードでサインイン", signInPage);

        var callback = await OpenIdConnectBrowser.SignInAsync(site, Provider, returnUrl: "/account/password");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/account/password", callback.Headers.Location!.OriginalString);
        Assert.True(HasAuthCookie(callback));
        Assert.Equal(tokenRequests + 1, Provider.TokenRequests);

        var home = await site.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains($"{me.FamilyName} {me.GivenName} さん、ようこそ", html);
        Assert.Contains("サインアウト", html);

        // Same principal as a password sign-in: the person's staff record and roles.
        var api = await site.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me") { Headers = { { "Accept", "application/json" } } });
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var json = await api.Content.ReadAsStringAsync();
        Assert.Contains($"\"employeeNumber\":\"{me.EmployeeNumber}\"", json);
        Assert.Contains(RoleNames.Staff, json);
    }

    [Fact]
    public async Task Matching_by_email_finds_the_person_whatever_the_case_of_the_address()
    {
        EnableSingleSignOn(("MatchBy", "Email"));
        var me = await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-manager"));
        Provider.NextPerson = new ProviderPerson("idp-user-2", EmployeeNumber: null, me.Email!.ToUpperInvariant());
        var site = OpenIdConnectBrowser.Site(Factory);

        var callback = await OpenIdConnectBrowser.SignInAsync(site, Provider, returnUrl: "https://evil.example/");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        var html = await site.GetStringAsync("/");
        Assert.Contains($"{me.FamilyName} {me.GivenName} さん、ようこそ", html);
    }

    [Fact]
    public async Task An_unknown_employee_number_is_refused_with_a_clear_page_and_nothing_is_created()
    {
        EnableSingleSignOn(("AutoCreateAccounts", "true"));
        var before = await CountAsync();
        Provider.NextPerson = new ProviderPerson("idp-stranger", "99999999", "stranger@example.jp");
        var site = OpenIdConnectBrowser.Site(Factory);

        var callback = await OpenIdConnectBrowser.SignInAsync(site, Provider);

        await AssertRefusedAsync(site, callback, "unknown", "このアカウントは職員名簿にありません");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_provider_that_sends_no_employee_number_is_refused()
    {
        EnableSingleSignOn();
        Provider.NextPerson = new ProviderPerson("idp-user-3", EmployeeNumber: null, "someone@example.jp");
        var site = OpenIdConnectBrowser.Site(Factory);

        var callback = await OpenIdConnectBrowser.SignInAsync(site, Provider);

        await AssertRefusedAsync(site, callback, "no-claim", "職員番号またはメールアドレス");
    }

    [Fact]
    public async Task Staff_who_have_left_are_refused()
    {
        EnableSingleSignOn();
        var me = await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-facilitator"));
        // What the roster import leaves for a person who has left: staff row and account inactive.
        await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            await db.Staff.Where(s => s.Id == me.StaffId).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsActive, false));
            await db.Users.Where(u => u.StaffId == me.StaffId).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsActive, false));
        });
        Provider.NextPerson = new ProviderPerson("idp-user-4", me.EmployeeNumber, Email: null);
        var site = OpenIdConnectBrowser.Site(Factory);

        var callback = await OpenIdConnectBrowser.SignInAsync(site, Provider);

        await AssertRefusedAsync(site, callback, "inactive", "在籍していない");
    }

    [Fact]
    public async Task A_person_the_provider_turns_away_gets_the_failure_page_not_an_error()
    {
        EnableSingleSignOn();
        Provider.NextPerson = null;
        var site = OpenIdConnectBrowser.Site(Factory);

        var callback = await OpenIdConnectBrowser.SignInAsync(site, Provider);

        await AssertRefusedAsync(site, callback, "failed", "サインインが完了しませんでした");
    }

    [Fact]
    public async Task Password_sign_in_still_works_while_single_sign_on_is_on()
    {
        EnableSingleSignOn();

        var client = await SiteClient.SignInAsync(Factory, "demo-staff");

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("さん、ようこそ", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_rostered_person_without_an_account_is_refused_unless_accounts_are_created_automatically()
    {
        var me = await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-staff"));
        var newcomer = await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            var colleague = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == me.StaffId);
            var staff = new StaffMember
            {
                Id = Guid.CreateVersion7(),
                EmployeeNumber = "77000001",
                FamilyName = "新井",
                GivenName = "花子",
                Email = "arai.hanako@example.jp",
                OrgUnitId = colleague.OrgUnitId,
                Tier = colleague.Tier,
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Staff.Add(staff);
            await db.SaveChangesAsync();
            return staff;
        });
        Provider.NextPerson = new ProviderPerson("idp-newcomer", newcomer.EmployeeNumber, newcomer.Email);

        EnableSingleSignOn();
        var refusedSite = OpenIdConnectBrowser.Site(Factory);
        await AssertRefusedAsync(refusedSite, await OpenIdConnectBrowser.SignInAsync(refusedSite, Provider), "no-account", "アカウントがまだありません");
        Assert.False(await Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().Users.AnyAsync(u => u.StaffId == newcomer.Id)));

        EnableSingleSignOn(("AutoCreateAccounts", "true"));
        var site = OpenIdConnectBrowser.Site(Factory);
        var callback = await OpenIdConnectBrowser.SignInAsync(site, Provider);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        Assert.Contains("新井 花子 さん、ようこそ", await site.GetStringAsync("/"));
        await Factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<LmsUser>>();
            var account = await users.FindByNameAsync(newcomer.EmployeeNumber);
            Assert.NotNull(account);
            Assert.Equal(newcomer.Id, account.StaffId);
            Assert.False(await users.HasPasswordAsync(account));
            Assert.Equal([RoleNames.Staff], await users.GetRolesAsync(account));
            var audit = await sp.GetRequiredService<OrganizationDbContext>().AuditEntries.SingleAsync(e => e.Action == "account.created");
            Assert.Equal(newcomer.Id.ToString(), audit.EntityId);
        });
    }
}
